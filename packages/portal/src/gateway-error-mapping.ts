import { isCrmGatewayError, type CrmGatewayError } from '@crm-gateway/client';
import { portalError, type PortalErrorBody, type PortalResponse } from './portal-response.js';

/** Fields an end user can fix; a client-side validation error on any other field is a portal set-up problem. */
const USER_FIELDS = new Set(['productId', 'entitlementId', 'reason', 'description']);

const UPSTREAM_MESSAGE = 'The service is temporarily unavailable. Please try again later.';
const TIMEOUT_MESSAGE = 'The service took too long to answer. Please try again later.';

/**
 * Turns an error thrown by the client into the answer a portal gives its end user: 400 with a plain reason
 * for a refused request, 404 for an unknown entitlement, 409 for a duplicate purchase, 422 for an idempotency key
 * reused for another purchase, 502 for tenant, token or server trouble, 504 for a timeout, and 503 with the
 * `entitlementId` and `retry-after` for a purchase whose outcome is unknown (never a plain "try again"). OPF's own messages and the portal's credentials never reach the body.
 * Returns `undefined` for anything that is not a client error, so the framework's error handling sees it.
 *
 * @example
 * try { await gateway.entitlements.get(id); }
 * catch (error) { const answer = mapGatewayError(error, correlationId); if (!answer) throw error; }
 */
export function mapGatewayError(error: unknown, correlationId: string): PortalResponse | undefined {
  if (!isCrmGatewayError(error)) return undefined;
  const id = error.correlationId || correlationId;
  switch (error.code) {
    case 'BAD_REQUEST':
      return mapBadRequest(error, id);
    case 'CONFLICT':
      return portalError(409, 'ALREADY_PURCHASED', 'You already have this product.', id);
    case 'ENTITLEMENT_NOT_FOUND':
      return notFound(id);
    case 'TIMEOUT':
      return portalError(504, 'UPSTREAM_TIMEOUT', TIMEOUT_MESSAGE, id);
    case 'PURCHASE_OUTCOME_UNKNOWN':
      return outcomeUnknown(error, id);
    case 'ENTITLEMENT_ID_IN_USE':
      return portalError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for another purchase; use a new key for a new purchase.',
        id,
        'Idempotency-Key',
      );
    case 'VALIDATION_ERROR': {
      const field = fieldOf(error);
      if (field !== undefined && USER_FIELDS.has(field)) {
        return portalError(400, 'INVALID_REQUEST', `${field} is not valid.`, id, field);
      }
      return portalError(502, 'UPSTREAM_ERROR', UPSTREAM_MESSAGE, id);
    }
    default:
      // FORBIDDEN, TENANT_NOT_FOUND, AUTH_ERROR, SERVER_ERROR, CONNECTION_ERROR, ABORTED and any code added later.
      return portalError(502, 'UPSTREAM_ERROR', UPSTREAM_MESSAGE, id);
  }
}

/** 503 naming the entitlement a purchase may have created: a retry with the same key confirms or creates it. */
function outcomeUnknown(error: CrmGatewayError, correlationId: string): PortalResponse {
  const answer = portalError(
    503,
    'PURCHASE_OUTCOME_UNKNOWN',
    'Your purchase could not be confirmed yet. Try again with the same request: it will not buy twice.',
    correlationId,
  );
  const entitlementId = (error as { entitlementId?: unknown }).entitlementId;
  if (typeof entitlementId === 'string') (answer.body as PortalErrorBody).entitlementId = entitlementId;
  return { ...answer, headers: { 'retry-after': '2' } };
}

/**
 * The 404 every entitlement route answers for an id that does not exist or belongs to someone else.
 *
 * @example
 * return notFound(correlationId);
 */
export function notFound(correlationId: string): PortalResponse {
  return portalError(404, 'NOT_FOUND', 'No such entitlement.', correlationId);
}

function mapBadRequest(error: CrmGatewayError, correlationId: string): PortalResponse {
  switch (error.resultCode) {
    case 'UNKNOWN_PRODUCT':
      return portalError(400, 'UNKNOWN_PRODUCT', 'This product does not exist.', correlationId, 'productId');
    case 'NOT_THIRD_PARTY':
      return portalError(
        400,
        'PRODUCT_NOT_AVAILABLE',
        'This product cannot be bought here.',
        correlationId,
        'productId',
      );
    case 'DUPLICATE_PRODUCT_PURCHASE':
    case 'DUPLICATE_ENTITLEMENT_ID':
      return portalError(409, 'ALREADY_PURCHASED', 'You already have this product.', correlationId);
    case 'INVALID_TRANSITION':
      return portalError(
        400,
        'INVALID_STATE',
        'This change is not possible in the current state.',
        correlationId,
      );
    case 'NOT_PENDING':
      return portalError(
        400,
        'INVALID_STATE',
        'This entitlement is not waiting for activation.',
        correlationId,
      );
    case 'ENTITLEMENT_NOT_FOUND':
      return notFound(correlationId);
    default:
      break;
  }
  const fields = fieldsOf(error);
  // A header or query problem comes from the portal's set-up, never from the end user.
  if (fields.some((f) => f.startsWith('header/') || f.startsWith('query/'))) {
    return portalError(502, 'UPSTREAM_ERROR', UPSTREAM_MESSAGE, correlationId);
  }
  const userField = fields.map((f) => f.replace(/^body\//, '')).find((f) => USER_FIELDS.has(f));
  if (userField !== undefined) {
    return portalError(400, 'INVALID_REQUEST', `${userField} is not valid.`, correlationId, userField);
  }
  return portalError(400, 'INVALID_REQUEST', 'The request was refused.', correlationId);
}

function fieldsOf(error: CrmGatewayError): string[] {
  const fields: unknown = (error as { fields?: unknown }).fields;
  if (!Array.isArray(fields)) return [];
  return fields
    .map((f: unknown) => (typeof f === 'object' && f !== null ? (f as { field?: unknown }).field : undefined))
    .filter((f): f is string => typeof f === 'string');
}

function fieldOf(error: CrmGatewayError): string | undefined {
  const field: unknown = (error as { field?: unknown }).field;
  return typeof field === 'string' ? field : undefined;
}
