// The portal app under test: `node app.mjs <upstreamUrl>`, started by the shared runner
// bench/plugin-route/run.mjs at the repository root. It serves both variants in this one process, each a Hono app
// served by @hono/node-server on its own port with its own client: the plugin's purchase route, and the same route
// written by hand with the client as a portal developer would. The parts both plugins' apps share (the control
// server the runner reads the CPU time from, the ready line) are in bench/plugin-route/app-kit.mjs.
import { createCrmGatewayClient } from '@crm-gateway/client';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { crmGateway, purchaseRoute } from '../dist/index.js';
import {
  accountOf,
  appArgs,
  benchClientOptions,
  correlationIdOf,
  serveVariants,
} from '../../../bench/plugin-route/app-kit.mjs';

const { upstream } = appArgs();

function build(mode) {
  const client = createCrmGatewayClient(benchClientOptions(upstream));
  const app = new Hono();
  if (mode === 'plugin') {
    app.use(crmGateway({ client }));
    app.post('/purchases', purchaseRoute({ resolveAccountId: accountOf }));
    return app;
  }
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
  return app;
}

await serveVariants(
  (mode) =>
    new Promise((resolve) => {
      serve({ fetch: build(mode).fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    }),
);
