import { HEADER_TOKEN_PATTERN } from '../validation/patterns.js';

/**
 * A new correlation id: a UUID v4 from Web Crypto (a valid `HeaderToken` and `Identifier` of the spec). The one
 * generator of the client: the ids it sends when the caller gives none, and the default entitlement `_id`.
 *
 * @example
 * ```ts
 * import { newCorrelationId } from '@crm-gateway/client';
 * const scoped = client.withContext({ correlationId: newCorrelationId() });
 * ```
 */
export function newCorrelationId(): string {
  return crypto.randomUUID();
}

/**
 * Whether `value` is a correlation id the client sends as it is: the spec's `HeaderToken` rule (1–128 printable
 * ASCII characters, no space or control character), the same check the client applies to a correlation id given
 * to a call or to `withContext`. Use it to keep or replace an incoming `x-correlation-id` header.
 *
 * @example
 * ```ts
 * import { isCorrelationId, newCorrelationId } from '@crm-gateway/client';
 * const incoming = req.headers['x-correlation-id'];
 * const correlationId = isCorrelationId(incoming) ? incoming : newCorrelationId();
 * ```
 */
export function isCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && HEADER_TOKEN_PATTERN.test(value);
}
