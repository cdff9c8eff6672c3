import { assertRouteOptions, type PortalRouteOptions } from '../account.js';
import { IDEMPOTENCY_KEY_HEADER } from '../handlers/idempotency-key.js';
import { normalizeCorrelationId } from '../correlation-id.js';
import { MissingCrmGatewayMiddlewareError } from '../errors/missing-middleware-error.js';
import { CrmGatewayPluginError } from '../errors/plugin-error.js';
import { portalError, type PortalErrorCode, type PortalResponse } from '../portal-response.js';
import { parseJsonBody } from '../json-body.js';
import {
  createNotificationReceiver,
  type NotificationReceiverOptions,
} from '../notifications/receive-notification.js';
import { PORTAL_ROUTES, runPortalRoute, type PortalRouteName } from '../portal-routes.js';
import { correlationIdOf } from '../request-gateway.js';
import type { PortalFramework } from './portal-framework.js';
import { DEFAULT_MAX_BODY_BYTES } from './read-limited-text.js';

/** The largest body a route reads, in bytes (default 64 KiB). */
interface BodyLimit {
  maxBodyBytes?: number;
}

/**
 * Options of every portal route of a plugin: `resolveAccountId(reqOrContext)` (required; the signed-in user's
 * account from the portal's session; throwing or returning '' answers 401), plus `prohibitDuplicateProductPurchase`
 * (default true), `cancelReasons`, `onError` for the portal's logs, and `maxBodyBytes` (default 64 KiB).
 *
 * @example
 * const options: AdapterRouteOptions<Request> = { resolveAccountId: (req) => req.session.accountId };
 */
export interface AdapterRouteOptions<TContext> extends PortalRouteOptions<TContext>, BodyLimit {}

/**
 * Options of a plugin's notification receiver: the shared `secret`, `onNotification(notification, ctx)`, an
 * optional `store` of handled event ids (default: in memory, one instance only), `toleranceSec`, `onError`, and
 * `maxBodyBytes` (default 64 KiB).
 *
 * @example
 * const options: AdapterReceiverOptions = { secret: process.env.OPF_NOTIFICATION_SECRET!, onNotification: save };
 */
export interface AdapterReceiverOptions extends NotificationReceiverOptions, BodyLimit {}

/**
 * One route of {@link PortalAdapter.routes}: mount `handler` at `method` + `path` (relative to the router).
 *
 * @example
 * for (const { method, path, handler } of adapter.routes(options)) router[method === 'GET' ? 'get' : 'post'](path, handler);
 */
export interface MountedPortalRoute<THandler> {
  method: 'GET' | 'POST';
  path: string;
  handler: THandler;
}

/**
 * Names of the route factories every plugin exports (one per portal route).
 *
 * @example
 * const name: PortalRouteFactoryName = 'purchaseRoute';
 */
export type PortalRouteFactoryName =
  | 'purchaseRoute'
  | 'listEntitlementsRoute'
  | 'activationLinkRoute'
  | 'cancelRoute'
  | 'suspendRoute'
  | 'resumeRoute';

/**
 * The route factories and the receiver a plugin exports, built once by {@link createPortalAdapter}. Every
 * factory checks its options at once (a mistake fails at start-up) and needs `crmGateway()` on the app.
 *
 * @example
 * export const { purchaseRoute, listEntitlementsRoute, notificationReceiver } = createPortalAdapter(express);
 */
export interface PortalAdapter<TContext, THandler> {
  /**
   * `POST` handler buying a product for the session's account: body `{ "productId": "…" }` → 201
   * `{ entitlementId, status, correlationId }`.
   *
   * @example
   * app.post('/purchases', purchaseRoute({ resolveAccountId }));
   */
  purchaseRoute(options: AdapterRouteOptions<TContext>): THandler;
  /**
   * `GET` handler listing the session account's third-party entitlements → 200 `{ entitlements, correlationId }`.
   *
   * @example
   * app.get('/entitlements', listEntitlementsRoute({ resolveAccountId }));
   */
  listEntitlementsRoute(options: AdapterRouteOptions<TContext>): THandler;
  /**
   * `GET` handler for a path with `:entitlementId`: a fresh activation link of the account's PENDING
   * entitlement → 200 `{ entitlementId, url, urlExpiry?, action, correlationId }`.
   *
   * @example
   * app.get('/entitlements/:entitlementId/activation', activationLinkRoute({ resolveAccountId }));
   */
  activationLinkRoute(options: AdapterRouteOptions<TContext>): THandler;
  /**
   * `POST` handler for a path with `:entitlementId`: cancels, body `{ reason?, description? }` → 200
   * `{ entitlementId, status, correlationId }`.
   *
   * @example
   * app.post('/entitlements/:entitlementId/cancel', cancelRoute({ resolveAccountId }));
   */
  cancelRoute(options: AdapterRouteOptions<TContext>): THandler;
  /**
   * `POST` handler for a path with `:entitlementId`: suspends → 200 `{ entitlementId, status, correlationId }`.
   *
   * @example
   * app.post('/entitlements/:entitlementId/suspend', suspendRoute({ resolveAccountId }));
   */
  suspendRoute(options: AdapterRouteOptions<TContext>): THandler;
  /**
   * `POST` handler for a path with `:entitlementId`: resumes → 200 `{ entitlementId, status, correlationId }`.
   *
   * @example
   * app.post('/entitlements/:entitlementId/resume', resumeRoute({ resolveAccountId }));
   */
  resumeRoute(options: AdapterRouteOptions<TContext>): THandler;
  /**
   * Every portal route with its method and path, for the plugin's `crmGatewayRouter(options)`:
   * `POST /purchases`, `GET /entitlements`, `GET /entitlements/:entitlementId/activation`,
   * `POST /entitlements/:entitlementId/{cancel,suspend,resume}`.
   *
   * @example
   * const mounted = adapter.routes({ resolveAccountId }, 'crmGatewayRouter');
   */
  routes(options: AdapterRouteOptions<TContext>, factory: string): MountedPortalRoute<THandler>[];
  /**
   * `POST` handler for OPF's entitlement notifications: reads the raw body (the signature covers it), checks
   * the `x-opf-signature` (401), validates the body (400 naming the field), skips an event already handled
   * (200), and answers 200 only once `onNotification` resolved (500 otherwise, so OPF delivers it again). Does
   * not need `crmGateway()`.
   *
   * @example
   * app.post('/opf/notifications', notificationReceiver({ secret, onNotification: (n) => save(n) }));
   */
  notificationReceiver(options: AdapterReceiverOptions): THandler;
}

/**
 * Runs `run`, answering the plugin's own failures (a body over the limit, a body another parser consumed) as JSON
 * `{ code, message, correlationId }` with their status: never the framework's default page, which may show a stack.
 */
async function answerOwnFailures(
  correlationId: string,
  run: () => Promise<PortalResponse>,
): Promise<PortalResponse> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof CrmGatewayPluginError)) throw error;
    return portalError(error.status, error.code as PortalErrorCode, error.message, correlationId);
  }
}

/**
 * Builds a plugin's route factories and notification receiver from the few things only the framework knows
 * (see {@link PortalFramework}). All request logic (account resolution, body parsing, handlers, error mapping,
 * the receiver) runs here, once for every framework. `THandler` is the framework's handler type; the handlers
 * made are `(context) => Promise<TResult>`, which the plugin declares it accepts.
 *
 * @example
 * const adapter = createPortalAdapter<Context, Response, Handler>({ boundGateway, param, header, readText, send });
 * app.post('/purchases', adapter.purchaseRoute({ resolveAccountId: (c) => c.get('accountId') }));
 */
export function createPortalAdapter<TContext, TResult, THandler>(
  framework: PortalFramework<TContext, TResult>,
): PortalAdapter<TContext, THandler> {
  const route = (name: PortalRouteName, options: AdapterRouteOptions<TContext>, factory: string): THandler =>
    routeHandler(framework, name, options, factory) as THandler;
  return {
    purchaseRoute: (options) => route('purchase', options, 'purchaseRoute'),
    listEntitlementsRoute: (options) => route('listEntitlements', options, 'listEntitlementsRoute'),
    activationLinkRoute: (options) => route('activationLink', options, 'activationLinkRoute'),
    cancelRoute: (options) => route('cancel', options, 'cancelRoute'),
    suspendRoute: (options) => route('suspend', options, 'suspendRoute'),
    resumeRoute: (options) => route('resume', options, 'resumeRoute'),
    routes(options, factory) {
      assertRouteOptions(options, factory);
      return Object.values(PORTAL_ROUTES).map(({ name, method, path }) => ({
        method,
        path,
        handler: route(name, options, factory),
      }));
    },
    notificationReceiver: (options) => receiverHandler(framework, options) as THandler,
  };
}

/** The handler of one portal route: the framework's request in, the core's answer out. */
function routeHandler<TContext, TResult>(
  framework: PortalFramework<TContext, TResult>,
  name: PortalRouteName,
  options: AdapterRouteOptions<TContext>,
  factory: string,
): (context: TContext) => Promise<TResult> {
  assertRouteOptions(options, factory);
  const definition = PORTAL_ROUTES[name];
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const readBody = async (context: TContext): Promise<unknown> => {
    const parsed = framework.parsedBody?.(context);
    if (parsed !== undefined) return parsed;
    return parseJsonBody(await framework.readText(context, maxBodyBytes));
  };
  return async (context) => {
    const gateway = framework.boundGateway(context);
    if (gateway === undefined) throw new MissingCrmGatewayMiddlewareError();
    const correlationId = correlationIdOf(gateway) ?? '';
    const answer = await answerOwnFailures(correlationId, () =>
      runPortalRoute(definition, options, {
        request: context,
        gateway,
        correlationId,
        entitlementId: framework.param(context, 'entitlementId'),
        idempotencyKey: framework.header(context, IDEMPOTENCY_KEY_HEADER),
        headers: {
          contentType: framework.header(context, 'content-type'),
          origin: framework.header(context, 'origin'),
        },
        readBody: () => readBody(context),
      }),
    );
    return framework.send(context, answer);
  };
}

/** The handler of OPF's notifications: the raw body, bounded, to the core's receiver. */
function receiverHandler<TContext, TResult>(
  framework: PortalFramework<TContext, TResult>,
  options: AdapterReceiverOptions,
): (context: TContext) => Promise<TResult> {
  const receive = createNotificationReceiver(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (context) => {
    const headers = { get: (name: string) => framework.header(context, name) ?? null };
    const answer = await answerOwnFailures(
      normalizeCorrelationId(headers.get('x-correlation-id')),
      async () => receive({ rawBody: await framework.readText(context, maxBodyBytes), headers }),
    );
    const id = (answer.body as { correlationId?: unknown }).correlationId;
    // Behind crmGateway() the middleware already answers its correlation id.
    if (framework.boundGateway(context) === undefined && typeof id === 'string') {
      answer.headers = { ...answer.headers, 'x-correlation-id': id };
    }
    return framework.send(context, answer);
  };
}
