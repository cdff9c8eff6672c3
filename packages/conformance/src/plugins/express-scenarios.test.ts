import express from 'express';
import type { PortalTestServer } from './portal-test-adapter.js';
import { runPortalScenarios } from '../scenarios/index.js';
import { crmGateway, crmGatewayRouter, notificationReceiver } from '@crm-gateway/express-plugin';
import { listen } from './express-server.js';

runPortalScenarios({
  name: 'express',
  async start(app): Promise<PortalTestServer> {
    const server = express();
    server.post(
      '/opf/notifications',
      notificationReceiver({
        secret: app.notificationSecret,
        onNotification: (n, ctx) => app.onNotification(n, ctx),
      }),
    );
    server.use(crmGateway({ ...app.client, tenantId: (req) => app.tenantFrom(req.get('x-test-tenant')) }));
    server.use(
      '/api',
      crmGatewayRouter({
        ...(app.prohibitDuplicateProductPurchase === undefined
          ? {}
          : { prohibitDuplicateProductPurchase: app.prohibitDuplicateProductPurchase }),
        resolveAccountId: (req) => app.accountFrom(req.get('x-test-account')),
      }),
    );
    return listen(server);
  },
});
