import {
  assertRouteOptions,
  correlationIdOf,
  parseJsonBody,
  PORTAL_ROUTES,
  runPortalRoute,
  type PortalRouteDefinition,
  type PortalRouteName,
  type PortalRouteOptions,
} from '@crm-gateway/client';
import { Router, type Request, type RequestHandler } from 'express';
import { getCrmGateway } from './middleware.js';
import { DEFAULT_MAX_BODY_BYTES, readRawBody } from './raw-body.js';
import { sendPortalResponse } from './send.js';

/**
 * Options of the Express portal routes: `resolveAccountId(req)` (required; the signed-in user's account from
 * your session; throwing or returning '' answers 401), plus `prohibitDuplicateProductPurchase` (default true),
 * `cancelReasons`, `onError` for your logs, and `maxBodyBytes` (default 64 KiB).
 *
 * @example
 * const options: ExpressPortalRouteOptions = { resolveAccountId: (req) => req.session.accountId };
 */
export interface ExpressPortalRouteOptions extends PortalRouteOptions<Request> {
  maxBodyBytes?: number;
}

function portalRoute(
  name: PortalRouteName,
  options: ExpressPortalRouteOptions,
  factory: string,
): RequestHandler {
  assertRouteOptions(options, factory);
  const route: PortalRouteDefinition = PORTAL_ROUTES[name];
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async function crmGatewayPortalRoute(req, res) {
    const gateway = getCrmGateway(req);
    const entitlementId = typeof req.params.entitlementId === 'string' ? req.params.entitlementId : undefined;
    const answer = await runPortalRoute(route, options, {
      request: req,
      gateway,
      correlationId: correlationIdOf(gateway) ?? String(res.getHeader('x-correlation-id')),
      entitlementId,
      readBody: () => readJsonBody(req, maxBodyBytes),
    });
    sendPortalResponse(res, answer);
  };
}

async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const parsed: unknown = req.body;
  // Already parsed by the app's express.json(): use it as is.
  if (parsed !== undefined && !Buffer.isBuffer(parsed) && typeof parsed !== 'string') return parsed;
  return parseJsonBody(await readRawBody(req, maxBytes));
}

/**
 * `POST` handler buying a product for the session's account: body `{ "productId": "…" }` → 201
 * `{ entitlementId, status, correlationId }`. Needs {@link crmGateway} on the app. Works with or without
 * `express.json()`.
 *
 * @example
 * app.post('/purchases', purchaseRoute({ resolveAccountId: (req) => req.session.accountId }));
 */
export function purchaseRoute(options: ExpressPortalRouteOptions): RequestHandler {
  return portalRoute('purchase', options, 'purchaseRoute');
}

/**
 * `GET` handler listing the session account's third-party entitlements → 200 `{ entitlements, correlationId }`.
 *
 * @example
 * app.get('/entitlements', listEntitlementsRoute({ resolveAccountId }));
 */
export function listEntitlementsRoute(options: ExpressPortalRouteOptions): RequestHandler {
  return portalRoute('listEntitlements', options, 'listEntitlementsRoute');
}

/**
 * `GET` handler for a path with `:entitlementId`: a fresh activation link of the account's PENDING entitlement
 * → 200 `{ entitlementId, url, urlExpiry?, action, correlationId }`.
 *
 * @example
 * app.get('/entitlements/:entitlementId/activation', activationLinkRoute({ resolveAccountId }));
 */
export function activationLinkRoute(options: ExpressPortalRouteOptions): RequestHandler {
  return portalRoute('activationLink', options, 'activationLinkRoute');
}

/**
 * `POST` handler for a path with `:entitlementId`: cancels, body `{ reason?, description? }` → 200
 * `{ entitlementId, status, correlationId }`.
 *
 * @example
 * app.post('/entitlements/:entitlementId/cancel', cancelRoute({ resolveAccountId }));
 */
export function cancelRoute(options: ExpressPortalRouteOptions): RequestHandler {
  return portalRoute('cancel', options, 'cancelRoute');
}

/**
 * `POST` handler for a path with `:entitlementId`: suspends → 200 `{ entitlementId, status, correlationId }`.
 *
 * @example
 * app.post('/entitlements/:entitlementId/suspend', suspendRoute({ resolveAccountId }));
 */
export function suspendRoute(options: ExpressPortalRouteOptions): RequestHandler {
  return portalRoute('suspend', options, 'suspendRoute');
}

/**
 * `POST` handler for a path with `:entitlementId`: resumes → 200 `{ entitlementId, status, correlationId }`.
 *
 * @example
 * app.post('/entitlements/:entitlementId/resume', resumeRoute({ resolveAccountId }));
 */
export function resumeRoute(options: ExpressPortalRouteOptions): RequestHandler {
  return portalRoute('resume', options, 'resumeRoute');
}

/**
 * A router with every portal route (mount it where you like, after {@link crmGateway}):
 * `POST /purchases`, `GET /entitlements`, `GET /entitlements/:entitlementId/activation`,
 * `POST /entitlements/:entitlementId/cancel`, `POST /entitlements/:entitlementId/suspend`,
 * `POST /entitlements/:entitlementId/resume`.
 *
 * @example
 * app.use('/api', crmGatewayRouter({ resolveAccountId: (req) => req.session.accountId }));
 */
export function crmGatewayRouter(options: ExpressPortalRouteOptions): Router {
  assertRouteOptions(options, 'crmGatewayRouter');
  const router = Router();
  for (const route of Object.values(PORTAL_ROUTES)) {
    const handler = portalRoute(route.name, options, 'crmGatewayRouter');
    if (route.method === 'GET') router.get(route.path, handler);
    else router.post(route.path, handler);
  }
  return router;
}
