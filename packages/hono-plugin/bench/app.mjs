// The portal app under test, in its own process: `node app.mjs <plugin|hand> <upstreamUrl>`. Both variants
// offer the same purchase route on the same client, served by @hono/node-server; prints `{ url }` when ready.
import { createCrmGatewayClient } from '@crm-gateway/client';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { crmGateway, purchaseRoute } from '../dist/index.js';

const [mode, upstream] = process.argv.slice(2);
const client = createCrmGatewayClient({
  baseUrl: upstream,
  tenantId: 'tenant1',
  auth: {
    tokenUrl: `${upstream}/token`,
    clientId: 'crm_client',
    username: 'bench',
    password: 'bench-password',
  },
});
const accountOf = () => 'account-alice';
const SANE_ID = /^[\x21-\x7e]{1,128}$/;

const app = new Hono();
// The process's CPU time, read by the runner before and after each load (not part of the measured route).
app.get('/__cpu', (c) => c.json(process.cpuUsage()));
if (mode === 'plugin') {
  app.use(crmGateway({ client }));
  app.post('/purchases', purchaseRoute({ resolveAccountId: accountOf }));
} else {
  // The same route written by hand with the client, as a portal developer would.
  app.post('/purchases', async (c) => {
    const incoming = c.req.header('x-correlation-id');
    const correlationId = incoming && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.header('x-correlation-id', correlationId);
    const body = await c.req.json().catch(() => undefined);
    const productId = body?.productId;
    if (typeof productId !== 'string') {
      return c.json({ code: 'INVALID_REQUEST', field: 'productId', correlationId }, 400);
    }
    try {
      const result = await client.withContext({ correlationId }).entitlements.purchaseThirdPartyProduct({
        accountId: accountOf(c),
        productId,
        prohibitDuplicateProductPurchase: true,
      });
      return c.json({ entitlementId: result.entitlementId, status: result.status, correlationId }, 201);
    } catch {
      return c.json({ code: 'UPSTREAM_ERROR', correlationId }, 502);
    }
  });
}
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  console.log(JSON.stringify({ url: `http://127.0.0.1:${info.port}` })),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
