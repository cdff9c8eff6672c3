import { resolveAccount, type PortalRouteOptions } from './account.js';
import type { CrmGatewayClient } from '@crm-gateway/client';
import { handleActivationLink } from './handlers/activation-link.js';
import { handleCancel, handleResume, handleSuspend } from './handlers/entitlement-actions.js';
import type { PortalHandler, PortalHandlerInput } from './handlers/handler.js';
import { handleListEntitlements } from './handlers/list-entitlements.js';
import { handlePurchase } from './handlers/purchase.js';
import { InvalidJsonBodyError } from './json-body.js';
import { portalError, type PortalResponse } from './portal-response.js';
import { guardStateChange, type GuardedHeaders } from './request-guard.js';

/**
 * Names of the portal routes every plugin offers.
 *
 * @example
 * const name: PortalRouteName = 'purchase';
 */
export type PortalRouteName =
  'purchase' | 'listEntitlements' | 'activationLink' | 'cancel' | 'suspend' | 'resume';

/**
 * One portal route: method, path (relative to where the router is mounted; `:entitlementId` is the path
 * parameter), whether it reads a JSON body, and its handler.
 *
 * @example
 * const { method, path } = PORTAL_ROUTES.purchase; // 'POST', '/purchases'
 */
export interface PortalRouteDefinition {
  name: PortalRouteName;
  method: 'GET' | 'POST';
  path: string;
  hasBody: boolean;
  handler: PortalHandler;
}

/**
 * The routes a portal offers its users, shared by both plugins so they cannot drift apart:
 * - `POST /purchases` `{ productId }` → 201 `{ entitlementId, status, correlationId }`
 * - `GET /entitlements` → 200 `{ entitlements: [{ entitlementId, productId, status, createdAt?, updatedAt? }], correlationId }`
 * - `GET /entitlements/:entitlementId/activation` → 200 `{ entitlementId, url, urlExpiry?, action, correlationId }`
 * - `POST /entitlements/:entitlementId/cancel` `{ reason?, description? }` → 200 `{ entitlementId, status, correlationId }`
 * - `POST /entitlements/:entitlementId/suspend` → 200 `{ entitlementId, status, correlationId }`
 * - `POST /entitlements/:entitlementId/resume` → 200 `{ entitlementId, status, correlationId }`
 *
 * @example
 * for (const route of Object.values(PORTAL_ROUTES)) console.log(route.method, route.path);
 */
export const PORTAL_ROUTES: Readonly<Record<PortalRouteName, PortalRouteDefinition>> = Object.freeze({
  purchase: { name: 'purchase', method: 'POST', path: '/purchases', hasBody: true, handler: handlePurchase },
  listEntitlements: {
    name: 'listEntitlements',
    method: 'GET',
    path: '/entitlements',
    hasBody: false,
    handler: handleListEntitlements,
  },
  activationLink: {
    name: 'activationLink',
    method: 'GET',
    path: '/entitlements/:entitlementId/activation',
    hasBody: false,
    handler: handleActivationLink,
  },
  cancel: {
    name: 'cancel',
    method: 'POST',
    path: '/entitlements/:entitlementId/cancel',
    hasBody: true,
    handler: handleCancel,
  },
  suspend: {
    name: 'suspend',
    method: 'POST',
    path: '/entitlements/:entitlementId/suspend',
    hasBody: false,
    handler: handleSuspend,
  },
  resume: {
    name: 'resume',
    method: 'POST',
    path: '/entitlements/:entitlementId/resume',
    hasBody: false,
    handler: handleResume,
  },
});

/**
 * What a plugin hands the core for one request.
 *
 * @example
 * const request: PortalRouteRequest<Request> = { request: req, gateway, correlationId, readBody: async () => req.body };
 */
export interface PortalRouteRequest<TRequest> {
  /** The framework's request (Express `req`, Hono `c`), given to the resolvers. */
  request: TRequest;
  gateway: CrmGatewayClient;
  correlationId: string;
  /** Reads the parsed JSON body; throws `InvalidJsonBodyError` for text that is not JSON. */
  readBody?: () => Promise<unknown>;
  entitlementId?: string;
  /** The request's `Idempotency-Key` header, if any. */
  idempotencyKey?: string | undefined;
  /** The request's `Content-Type` and `Origin` headers (state-changing routes check them first). */
  headers?: GuardedHeaders;
}

/**
 * Runs one portal route for a request: a state-changing (`POST`) route first refuses what a cross-site page could
 * send (415 for a content type other than JSON, 403 for an `Origin` outside `allowedOrigins`), then it resolves the
 * session account (401 if that fails), reads the body (400 naming `body` if it is not JSON), and calls the route's
 * handler. Errors that are not the client's are thrown, for the framework's error handling.
 *
 * @example
 * const answer = await runPortalRoute(PORTAL_ROUTES.purchase, options, { request: req, gateway, correlationId, readBody });
 * res.status(answer.status).json(answer.body);
 */
export async function runPortalRoute<TRequest>(
  route: PortalRouteDefinition,
  options: PortalRouteOptions<TRequest>,
  {
    request,
    gateway,
    correlationId,
    readBody,
    entitlementId,
    idempotencyKey,
    headers,
  }: PortalRouteRequest<TRequest>,
): Promise<PortalResponse> {
  if (route.method === 'POST') {
    const refused = guardStateChange(headers ?? {}, options.allowedOrigins, correlationId);
    if (refused !== undefined) return refused;
  }
  const accountId = await resolveAccount(options.resolveAccountId, request);
  if (accountId === undefined) {
    return portalError(401, 'UNAUTHENTICATED', 'Sign in to continue.', correlationId);
  }
  let body: unknown;
  if (route.hasBody && readBody !== undefined) {
    try {
      body = await readBody();
    } catch (error) {
      if (error instanceof InvalidJsonBodyError) {
        return portalError(400, 'INVALID_REQUEST', error.message, correlationId, 'body');
      }
      throw error;
    }
  }
  const input: PortalHandlerInput = { accountId, body, entitlementId, correlationId };
  if (idempotencyKey !== undefined) input.idempotencyKey = idempotencyKey;
  return route.handler(gateway, input, options);
}
