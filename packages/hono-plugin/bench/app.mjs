// The portal app under test, in its own process: `node app.mjs <plugin|hand> <upstreamUrl>`, started by the
// shared runner bench/plugin-route/run.mjs at the repository root. Both variants offer the same purchase route
// on the same client, served by @hono/node-server, and print one JSON line `{ url }` when ready; the parts
// both plugins' apps share are in bench/plugin-route/app-kit.mjs.
import { createCrmGatewayClient } from '@crm-gateway/client';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { crmGateway, purchaseRoute } from '../dist/index.js';
import {
  accountOf,
  announce,
  appArgs,
  benchClientOptions,
  correlationIdOf,
} from '../../../bench/plugin-route/app-kit.mjs';

const { mode, upstream } = appArgs();
const client = createCrmGatewayClient(benchClientOptions(upstream));

const app = new Hono();
// The process's CPU time, read by the runner before and after each load (not part of the measured route).
app.get('/__cpu', (c) => c.json(process.cpuUsage()));
if (mode === 'plugin') {
  app.use(crmGateway({ client }));
  app.post('/purchases', purchaseRoute({ resolveAccountId: accountOf }));
} else {
  // The same route written by hand with the client, as a portal developer would.
  app.post('/purchases', async (c) => {
    const correlationId = correlationIdOf(c.req.header('x-correlation-id'));
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
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => announce(info.port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
