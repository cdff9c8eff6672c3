import type { CrmGatewayClientOptions, TokenCache } from '@crm-gateway/client';
import { crmGateway as expressGateway, crmGatewayRouter as expressRouter } from '@crm-gateway/express-plugin';
import { notificationReceiver as expressReceiver } from '@crm-gateway/express-plugin';
import { crmGateway as honoGateway, crmGatewayRouter as honoRouter } from '@crm-gateway/hono-plugin';
import { notificationReceiver as honoReceiver } from '@crm-gateway/hono-plugin';
import type { EntitlementChangeNotification, NotificationStore } from '@crm-gateway/portal';
import express from 'express';
import { Hono } from 'hono';
import { listen as listenExpress } from '../plugins/express-server.js';
import { listen as listenHono } from '../plugins/hono-server.js';

/** What every instance of the fleet shares: OPF's address, the Redis store and token cache, the "database". */
export interface FleetSettings {
  client: Omit<CrmGatewayClientOptions, 'tenantId' | 'tokenCache'>;
  tokenCache: TokenCache;
  store: NotificationStore;
  notificationSecret: string;
  /** The portal's shared database: how often each event's handler succeeded. */
  handled: Map<string, number>;
  /** 0..1: the chance that a handler run fails (the instance "crashes" mid-way), so OPF delivers again. */
  handlerFailureRate: number;
}

/** One running portal instance. */
export interface PortalInstance {
  framework: 'express' | 'hono';
  url: string;
  close(): Promise<void>;
}

const account = (header: string | null | undefined): string => {
  if (!header) throw new Error('no session');
  return header;
};

function onNotification(settings: FleetSettings) {
  return async (notification: EntitlementChangeNotification): Promise<void> => {
    if (Math.random() < settings.handlerFailureRate) throw new Error('instance crashed while handling');
    settings.handled.set(notification.eventId, (settings.handled.get(notification.eventId) ?? 0) + 1);
  };
}

/**
 * Starts one portal instance of `framework`, wired as a portal team would run it behind a load balancer: the
 * client with the shared token cache, the routes with duplicate purchases allowed (only the Idempotency-Key keeps a
 * retry from buying twice), and the notification receiver on the shared store.
 *
 * @example
 * const instance = await startPortalInstance('hono', settings);
 */
export async function startPortalInstance(
  framework: 'express' | 'hono',
  settings: FleetSettings,
): Promise<PortalInstance> {
  const client = { ...settings.client, tenantId: 'tenant1', tokenCache: settings.tokenCache };
  const receiver = {
    secret: settings.notificationSecret,
    store: settings.store,
    onNotification: onNotification(settings),
  };
  const routes = { prohibitDuplicateProductPurchase: false };
  if (framework === 'express') {
    const app = express();
    app.post('/opf/notifications', expressReceiver(receiver));
    app.use(expressGateway(client));
    app.use(
      '/api',
      expressRouter({ ...routes, resolveAccountId: (req) => account(req.get('x-test-account')) }),
    );
    return { framework, ...(await listenExpress(app)) };
  }
  const app = new Hono();
  app.post('/opf/notifications', honoReceiver(receiver));
  app.use(honoGateway(client));
  app.route(
    '/api',
    honoRouter({ ...routes, resolveAccountId: (c) => account(c.req.header('x-test-account')) }),
  );
  return { framework, ...(await listenHono(app)) };
}
