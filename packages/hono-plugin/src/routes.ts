import {
  assertRouteOptions,
  parseJsonBody,
  PORTAL_ROUTES,
  runPortalRoute,
  type PortalRouteName,
  type PortalRouteOptions,
} from '@crm-gateway/client';
import { Hono, type Context, type Handler } from 'hono';
import { getCorrelationId, getCrmGateway, type CrmGatewayEnv } from './middleware.js';
import { DEFAULT_MAX_BODY_BYTES, readBodyText } from './read-text.js';
import { sendPortalResponse } from './send.js';

/**
 * Options of the Hono portal routes: `resolveAccountId(c)` (required; the signed-in user's account from your
 * session; throwing or returning '' answers 401), plus `prohibitDuplicateProductPurchase` (default true),
 * `cancelReasons`, `onError` for your logs, and `maxBodyBytes` (default 64 KiB).
 *
 * @example
 * const options: HonoPortalRouteOptions = { resolveAccountId: (c) => c.get('session').accountId };
 */
export interface HonoPortalRouteOptions extends PortalRouteOptions<Context> {
  maxBodyBytes?: number;
}

/**
 * A Hono handler of a portal route (needs `crmGateway()` on the app).
 *
 * @example
 * const buy: PortalRouteHandler = purchaseRoute({ resolveAccountId });
 * app.post('/buy', buy);
 */
export type PortalRouteHandler = Handler<CrmGatewayEnv>;

function portalRoute(
  name: PortalRouteName,
  options: HonoPortalRouteOptions,
  factory: string,
): PortalRouteHandler {
  assertRouteOptions(options, factory);
  const route = PORTAL_ROUTES[name];
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async function crmGatewayPortalRoute(c) {
    const gateway = getCrmGateway(c);
    const answer = await runPortalRoute(route, options, {
      request: c,
      gateway,
      correlationId: getCorrelationId(c) ?? '',
      entitlementId: c.req.param('entitlementId'),
      readBody: async () => parseJsonBody(await readBodyText(c, maxBodyBytes)),
    });
    return sendPortalResponse(c, answer);
  };
}

/**
 * `POST` handler buying a product for the session's account: body `{ "productId": "…" }` → 201
 * `{ entitlementId, status, correlationId }`. Needs {@link crmGateway} on the app.
 *
 * @example
 * app.post('/purchases', purchaseRoute({ resolveAccountId: (c) => c.get('accountId') }));
 */
export function purchaseRoute(options: HonoPortalRouteOptions): PortalRouteHandler {
  return portalRoute('purchase', options, 'purchaseRoute');
}

/**
 * `GET` handler listing the session account's third-party entitlements → 200 `{ entitlements, correlationId }`.
 *
 * @example
 * app.get('/entitlements', listEntitlementsRoute({ resolveAccountId }));
 */
export function listEntitlementsRoute(options: HonoPortalRouteOptions): PortalRouteHandler {
  return portalRoute('listEntitlements', options, 'listEntitlementsRoute');
}

/**
 * `GET` handler for a path with `:entitlementId`: a fresh activation link of the account's PENDING entitlement
 * → 200 `{ entitlementId, url, urlExpiry?, action, correlationId }`.
 *
 * @example
 * app.get('/entitlements/:entitlementId/activation', activationLinkRoute({ resolveAccountId }));
 */
export function activationLinkRoute(options: HonoPortalRouteOptions): PortalRouteHandler {
  return portalRoute('activationLink', options, 'activationLinkRoute');
}

/**
 * `POST` handler for a path with `:entitlementId`: cancels, body `{ reason?, description? }` → 200
 * `{ entitlementId, status, correlationId }`.
 *
 * @example
 * app.post('/entitlements/:entitlementId/cancel', cancelRoute({ resolveAccountId }));
 */
export function cancelRoute(options: HonoPortalRouteOptions): PortalRouteHandler {
  return portalRoute('cancel', options, 'cancelRoute');
}

/**
 * `POST` handler for a path with `:entitlementId`: suspends → 200 `{ entitlementId, status, correlationId }`.
 *
 * @example
 * app.post('/entitlements/:entitlementId/suspend', suspendRoute({ resolveAccountId }));
 */
export function suspendRoute(options: HonoPortalRouteOptions): PortalRouteHandler {
  return portalRoute('suspend', options, 'suspendRoute');
}

/**
 * `POST` handler for a path with `:entitlementId`: resumes → 200 `{ entitlementId, status, correlationId }`.
 *
 * @example
 * app.post('/entitlements/:entitlementId/resume', resumeRoute({ resolveAccountId }));
 */
export function resumeRoute(options: HonoPortalRouteOptions): PortalRouteHandler {
  return portalRoute('resume', options, 'resumeRoute');
}

/**
 * A sub-app with every portal route (mount it with `app.route(base, …)` after {@link crmGateway}):
 * `POST /purchases`, `GET /entitlements`, `GET /entitlements/:entitlementId/activation`,
 * `POST /entitlements/:entitlementId/cancel`, `POST /entitlements/:entitlementId/suspend`,
 * `POST /entitlements/:entitlementId/resume`.
 *
 * @example
 * app.route('/api', crmGatewayRoutes({ resolveAccountId: (c) => c.get('accountId') }));
 */
export function crmGatewayRoutes(options: HonoPortalRouteOptions): Hono<CrmGatewayEnv> {
  assertRouteOptions(options, 'crmGatewayRoutes');
  const routes = new Hono<CrmGatewayEnv>();
  for (const route of Object.values(PORTAL_ROUTES)) {
    const handler = portalRoute(route.name, options, 'crmGatewayRoutes');
    if (route.method === 'GET') routes.get(route.path, handler);
    else routes.post(route.path, handler);
  }
  return routes;
}
