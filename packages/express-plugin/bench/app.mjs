// The portal app under test, in its own process: `node app.mjs <plugin|hand> <upstreamUrl>`, started by the
// shared runner bench/plugin-route/run.mjs at the repository root. Both variants offer the same purchase route
// on the same client, and print one JSON line `{ url }` when ready; the parts both plugins' apps share
// are in bench/plugin-route/app-kit.mjs.
import { createCrmGatewayClient } from '@crm-gateway/client';
import express from 'express';
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

const app = express();
// The process's CPU time, read by the runner before and after each load (not part of the measured route).
app.get('/__cpu', (_req, res) => void res.json(process.cpuUsage()));
if (mode === 'plugin') {
  app.use(crmGateway({ client }));
  app.post('/purchases', purchaseRoute({ resolveAccountId: accountOf }));
} else {
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
}
const server = app.listen(0, '127.0.0.1', () => announce(server.address().port));
server.keepAliveTimeout = 60_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
