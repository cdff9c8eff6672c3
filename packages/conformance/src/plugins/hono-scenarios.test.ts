import { Hono } from 'hono';
import type { PortalTestServer } from './portal-test-adapter.js';
import { runPortalScenarios } from '../scenarios/index.js';
import {
  crmGateway,
  crmGatewayRouter,
  notificationReceiver,
  type CrmGatewayEnv,
} from '@crm-gateway/hono-plugin';
import { listen } from './hono-server.js';

runPortalScenarios({
  name: 'hono',
  async start(app): Promise<PortalTestServer> {
    const server = new Hono<CrmGatewayEnv>();
    server.post(
      '/opf/notifications',
      notificationReceiver({
        secret: app.notificationSecret,
        onNotification: (n, ctx) => app.onNotification(n, ctx),
      }),
    );
    server.use(crmGateway({ ...app.client, tenantId: (c) => app.tenantFrom(c.req.header('x-test-tenant')) }));
    server.route(
      '/api',
      crmGatewayRouter({
        ...(app.prohibitDuplicateProductPurchase === undefined
          ? {}
          : { prohibitDuplicateProductPurchase: app.prohibitDuplicateProductPurchase }),
        resolveAccountId: (c) => app.accountFrom(c.req.header('x-test-account')),
      }),
    );
    return listen(server);
  },
});
