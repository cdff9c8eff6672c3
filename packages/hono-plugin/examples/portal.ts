import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { crmGateway, crmGatewayRouter, notificationReceiver } from '@crm-gateway/hono-plugin';

const opf = process.env['OPF_URL'] ?? 'http://127.0.0.1:4010'; // the emulator, or your OPF deployment
const port = Number(process.env['PORT'] ?? 3000);
const user = { clientId: 'crm_client', username: 'crm_client_user', password: 'crm-client-password' };
const auth = { keycloakUrl: `${opf}/keycloak/auth`, ...user };
const sessions = new Map([['demo-token', 'account-alice']]); // stand-in for your real session store
const secret = 'emulator-notification-secret';

// The paying account comes from your session, never from the request body ('' answers 401).
const resolveAccountId = (c: Context): string =>
  sessions.get(c.req.header('authorization')?.slice(7) ?? '') ?? '';

const app = new Hono();
app.post(
  '/opf/notifications',
  notificationReceiver({
    secret,
    onNotification: (n) => console.log(`entitlement ${n.entitlementId} is now ${n.status}`),
  }),
);
app.use(crmGateway({ baseUrl: opf, tenantId: 'tenant1', auth }));
app.route('/api', crmGatewayRouter({ resolveAccountId }));
serve({ fetch: app.fetch, port }, () => console.log(`portal on http://127.0.0.1:${port}`));
