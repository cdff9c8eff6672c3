import express, { type Request } from 'express';
import { crmGateway, crmGatewayRouter, notificationReceiver } from '@crm-gateway/express-plugin';

const opf = process.env['OPF_URL'] ?? 'http://127.0.0.1:4010'; // the emulator, or your OPF deployment
const port = Number(process.env['PORT'] ?? 3000);
const user = { clientId: 'crm_client', username: 'crm_client_user', password: 'crm-client-password' };
const auth = { keycloakUrl: `${opf}/keycloak/auth`, ...user };
const sessions = new Map([['demo-token', 'account-alice']]); // stand-in for your real session store
const secret = 'emulator-notification-secret';

// The paying account comes from your session, never from the request body ('' answers 401).
const resolveAccountId = (req: Request): string =>
  sessions.get(req.get('authorization')?.slice(7) ?? '') ?? '';

const app = express();
app.post(
  '/opf/notifications',
  notificationReceiver({
    secret,
    onNotification: (n) => console.log(`entitlement ${n.entitlementId} is now ${n.status}`),
  }),
);
app.use(crmGateway({ baseUrl: opf, tenantId: 'tenant1', auth }));
app.use('/api', crmGatewayRouter({ resolveAccountId }));
app.listen(port, () => console.log(`portal on http://127.0.0.1:${port}`));
