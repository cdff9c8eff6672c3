/**
 * What a portal route answers, independent of any framework: a status, a JSON body and optional headers.
 * Each plugin turns it into its framework's response.
 *
 * @example
 * const answer: PortalResponse = { status: 201, body: { entitlementId: 'e-1' } };
 */
export interface PortalResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Stable codes of the error bodies the portal routes answer. Switch on these in a front end.
 *
 * @example
 * if (body.code === 'ALREADY_PURCHASED') showOwnedProduct();
 */
export type PortalErrorCode =
  | 'INVALID_REQUEST'
  | 'UNKNOWN_PRODUCT'
  | 'PRODUCT_NOT_AVAILABLE'
  | 'INVALID_STATE'
  | 'ALREADY_PURCHASED'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'FORBIDDEN_ORIGIN'
  | 'PAYLOAD_TOO_LARGE'
  | 'RAW_BODY_UNAVAILABLE'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_TIMEOUT'
  | 'PURCHASE_OUTCOME_UNKNOWN'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INVALID_SIGNATURE'
  | 'INVALID_NOTIFICATION'
  | 'NOTIFICATION_IN_PROGRESS'
  | 'NOTIFICATION_STORE_UNAVAILABLE'
  | 'NOTIFICATION_HANDLER_FAILED';

/**
 * The JSON body of every portal error: a stable `code`, a message safe to show an end user, the field at
 * fault when there is one, and the request's correlation id (quote it to support).
 *
 * @example
 * const body: PortalErrorBody = { code: 'NOT_FOUND', message: 'No such entitlement.', correlationId: 'c-1' };
 */
export interface PortalErrorBody {
  code: PortalErrorCode;
  message: string;
  field?: string;
  correlationId: string;
  /** `PURCHASE_OUTCOME_UNKNOWN`: the entitlement the purchase may have created (a retry with the same key confirms it). */
  entitlementId?: string;
}

/**
 * Builds a portal error answer.
 *
 * @example
 * portalError(400, 'INVALID_REQUEST', 'productId is required.', 'c-1', 'productId');
 */
export function portalError(
  status: number,
  code: PortalErrorCode,
  message: string,
  correlationId: string,
  field?: string,
): PortalResponse {
  const body: PortalErrorBody =
    field === undefined ? { code, message, correlationId } : { code, message, field, correlationId };
  return { status, body };
}
