import { Hono } from 'hono';
import type { PortalTestServer } from '../../client/src/portal/testing/portal-adapter.js';
import { runPortalScenarios } from '../../client/src/portal/testing/portal-scenarios.js';
import { crmGateway, crmGatewayRoutes, notificationReceiver, type CrmGatewayEnv } from './index.js';
import { listen } from './test-server.js';

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
      crmGatewayRoutes({ resolveAccountId: (c) => app.accountFrom(c.req.header('x-test-account')) }),
    );
    return listen(server);
  },
});
