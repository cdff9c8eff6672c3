import { ENTITLEMENT_STATUSES, type components } from '@crm-gateway/client';

/**
 * The body OPF posts to the portal when an entitlement changes (the spec's `entitlementChanged` webhook).
 *
 * @example
 * const onNotification = (n: EntitlementChangeNotification) => console.log(n.entitlementId, n.status);
 */
export type EntitlementChangeNotification = components['schemas']['EntitlementChangeNotification'];

const STATUSES: ReadonlySet<string> = new Set(ENTITLEMENT_STATUSES);

const REQUIRED_TEXT = ['eventId', 'tenantId', 'entitlementId', 'accountId', 'productId'] as const;
const OPTIONAL_TEXT = ['previousProductId', 'reasonCategory', 'reasonCode'] as const;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks a parsed notification body against the spec's `EntitlementChangeNotification`. Answers the
 * notification, or the first offending field and what is wrong with it.
 *
 * @example
 * const checked = validateNotification(JSON.parse(rawBody));
 * if ('field' in checked) console.warn(checked.field, checked.message);
 */
export function validateNotification(
  value: unknown,
): { notification: EntitlementChangeNotification } | { field: string; message: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { field: 'body', message: 'must be a JSON object' };
  }
  const body = value as Record<string, unknown>;
  for (const field of REQUIRED_TEXT) {
    if (typeof body[field] !== 'string' || body[field] === '')
      return { field, message: 'must be a non-empty string' };
  }
  for (const field of OPTIONAL_TEXT) {
    if (body[field] !== undefined && typeof body[field] !== 'string')
      return { field, message: 'must be a string' };
  }
  if (body.productType !== 'THIRDPARTY') return { field: 'productType', message: 'must be THIRDPARTY' };
  if (typeof body.status !== 'string' || !STATUSES.has(body.status)) {
    return { field: 'status', message: 'must be an entitlement status' };
  }
  if (
    body.previousStatus !== undefined &&
    (typeof body.previousStatus !== 'string' || !STATUSES.has(body.previousStatus))
  ) {
    return { field: 'previousStatus', message: 'must be an entitlement status' };
  }
  if (
    typeof body.occurredAt !== 'string' ||
    !DATE_TIME.test(body.occurredAt) ||
    Number.isNaN(Date.parse(body.occurredAt))
  ) {
    return { field: 'occurredAt', message: 'must be a date-time' };
  }
  if (body.deleted !== undefined && typeof body.deleted !== 'boolean')
    return { field: 'deleted', message: 'must be a boolean' };
  if (body.sequence !== undefined && !(Number.isInteger(body.sequence) && (body.sequence as number) >= 0)) {
    return { field: 'sequence', message: 'must be a non-negative integer' };
  }
  return { notification: body as unknown as EntitlementChangeNotification };
}
