/** The request header a user's retry repeats (the IETF httpapi draft's name). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** 1–255 visible ASCII characters (spaces inside allowed), as Stripe and the IETF draft's examples use. */
const SANE_KEY = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;

/**
 * Reads an `Idempotency-Key` header value: the key itself (a structured-field string in quotes is unquoted), or
 * `undefined` when it is not a usable key (empty, too long, control characters).
 *
 * @example
 * readIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"'); // '8e03978e-40d5-43e8-bc93-6894a57f9324'
 */
export function readIdempotencyKey(value: string): string | undefined {
  const key = value.length > 1 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  return SANE_KEY.test(key) ? key : undefined;
}

/**
 * The entitlement id of a purchase made with an idempotency key: a UUID-shaped SHA-256 of tenant, account and key.
 * Every portal instance computes the same id with no shared state, so a user's retry reaching any instance sends
 * the same `_id` to OPF, and the client's replay check turns it into the same answer instead of a second purchase.
 *
 * @example
 * const entitlementId = await deriveEntitlementId({ tenantId: 'tenant1', accountId: 'account-alice', key });
 */
export async function deriveEntitlementId(input: {
  tenantId: string;
  accountId: string;
  key: string;
}): Promise<string> {
  const text = `crm-gateway:idempotency-key:v1\n${input.tenantId}\n${input.accountId}\n${input.key}`;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const bytes = digest.slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8: a name-based id of our own
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
