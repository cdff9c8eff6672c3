// The portal app under test: `node app.mjs <upstreamUrl>`, started by the shared runner
// bench/plugin-route/run.mjs at the repository root. It serves both variants in this one process, each an Express
// app on its own port with its own client: the plugin's purchase route, and the same route written by hand with
// the client as a portal developer would. The parts both plugins' apps share (the control server the runner reads
// the CPU time from, the ready line) are in bench/plugin-route/app-kit.mjs.
import { createCrmGatewayClient } from '@crm-gateway/client';
import express from 'express';
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
  const app = express();
  if (mode === 'plugin') {
    app.use(crmGateway({ client }));
    app.post('/purchases', purchaseRoute({ resolveAccountId: accountOf }));
    return app;
  }
  // The same route written by hand with the client, as a portal developer would.
  app.post('/purchases', express.json(), async (req, res) => {
    const correlationId = correlationIdOf(req.get('x-correlation-id'));
    res.setHeader('x-correlation-id', correlationId);
    const productId = req.body?.productId;
    if (typeof productId !== 'string') {
      res.status(400).json({ code: 'INVALID_REQUEST', field: 'productId', correlationId });
      return;
    }
    try {
      const result = await client.withContext({ correlationId }).entitlements.purchaseThirdPartyProduct({
        accountId: accountOf(req),
        productId,
        prohibitDuplicateProductPurchase: true,
      });
      res.status(201).json({ entitlementId: result.entitlementId, status: result.status, correlationId });
    } catch {
      res.status(502).json({ code: 'UPSTREAM_ERROR', correlationId });
    }
  });
  return app;
}

await serveVariants(
  (mode) =>
    new Promise((resolve) => {
      const server = build(mode).listen(0, '127.0.0.1', () => resolve(server.address().port));
      server.keepAliveTimeout = 60_000;
    }),
);
