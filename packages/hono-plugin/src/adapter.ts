import {
  createPortalAdapter,
  readLimitedText,
  type AdapterReceiverOptions,
  type AdapterRouteOptions,
  type PortalAdapter,
  type PortalRouteFactoryName,
} from '@crm-gateway/portal';
import { Hono, type Context, type Env, type Handler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { boundGateway, type CrmGatewayEnv } from './middleware.js';

/**
 * Options of the Hono portal routes (see `AdapterRouteOptions` of `@crm-gateway/portal`): `resolveAccountId(c)`
 * is required and receives the context of the app's own `Env`.
 *
 * @example
 * const options: HonoPortalRouteOptions<{ Variables: { accountId: string } }> = {
 *   resolveAccountId: (c) => c.get('accountId'),
 * };
 */
export type HonoPortalRouteOptions<E extends Env = CrmGatewayEnv> = AdapterRouteOptions<Context<E>>;

/**
 * Options of the Hono notification receiver (see `AdapterReceiverOptions` of `@crm-gateway/portal`).
 *
 * @example
 * const options: HonoNotificationReceiverOptions = { secret: c.env.OPF_SECRET, onNotification: (n) => save(n) };
 */
export type HonoNotificationReceiverOptions = AdapterReceiverOptions;

/** The portal core, told how Hono contexts look (Web-standard: Node, Bun, Workers). */
const adapter: PortalAdapter<Context, Handler> = createPortalAdapter<Context, Response, Handler>({
  boundGateway,
  param: (c, name) => c.req.param(name),
  header: (c, name) => c.req.header(name),
  async readText(c, maxBytes) {
    const declared = c.req.header('content-length');
    // A body an earlier middleware read is cached by Hono; a body whose declared length is within the limit cannot
    // be longer (HTTP framing), and `text()` reads it on the runtime's fast path (no stream is built on Node).
    if (c.req.raw.bodyUsed || (declared !== undefined && Number(declared) <= maxBytes)) return c.req.text();
    // Chunked, or declared too large: read as a stream, cut off at the limit.
    return readLimitedText(c.req.raw.body, declared, maxBytes);
  },
  send: (c, answer) => c.json(answer.body as object, answer.status as ContentfulStatusCode, answer.headers),
});

/** The route factories, generic over the app's `Env` (the core's documentation is kept per factory). */
type HonoRouteFactories = {
  [K in keyof Pick<PortalAdapter<Context, Handler>, PortalRouteFactoryName>]: <E extends Env = CrmGatewayEnv>(
    options: HonoPortalRouteOptions<E>,
  ) => Handler<E>;
};

export const {
  purchaseRoute,
  listEntitlementsRoute,
  activationLinkRoute,
  cancelRoute,
  suspendRoute,
  resumeRoute,
} = adapter as unknown as HonoRouteFactories;

export const { notificationReceiver } = adapter;

/**
 * A Hono sub-app with every portal route (mount it with `app.route(base, …)` after `crmGateway()`):
 * `POST /purchases`, `GET /entitlements`, `GET /entitlements/:entitlementId/activation`,
 * `POST /entitlements/:entitlementId/cancel`, `POST /entitlements/:entitlementId/suspend`,
 * `POST /entitlements/:entitlementId/resume`.
 *
 * @example
 * app.route('/api', crmGatewayRouter({ resolveAccountId: (c) => c.get('accountId') }));
 */
export function crmGatewayRouter<E extends Env = CrmGatewayEnv>(options: HonoPortalRouteOptions<E>): Hono<E> {
  const router = new Hono<E>();
  for (const { method, path, handler } of adapter.routes(
    options as AdapterRouteOptions<Context>,
    'crmGatewayRouter',
  )) {
    if (method === 'GET') router.get(path, handler);
    else router.post(path, handler);
  }
  return router;
}
