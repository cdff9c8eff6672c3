import { IDENTIFIER_RULE, type CrmGatewayClient } from '@crm-gateway/client';
import { normalizeCorrelationId } from '../correlation-id.js';
import { mapGatewayError } from '../gateway-error-mapping.js';
import { portalError, type PortalResponse } from '../portal-response.js';
import { correlationIdOf } from '../request-gateway.js';

/**
 * What a portal handler receives: the account resolved from the portal's session, the parsed JSON body (if
 * the route has one), the entitlement id from the path (entitlement routes), and optionally the request's
 * correlation id (defaults to the one the plugin bound the client with).
 *
 * @example
 * const input: PortalHandlerInput = { accountId: 'account-alice', body: { productId: 'Netflix_EU_B_BUNDLE_BASIC' } };
 */
export interface PortalHandlerInput {
  accountId: string;
  body?: unknown;
  entitlementId?: string;
  correlationId?: string;
  /** The request's `Idempotency-Key` header, as sent (purchase: the same key buys once, on any instance). */
  idempotencyKey?: string;
}

/**
 * A framework-neutral portal handler: a per-request client (already bound with `withContext`) and the input,
 * to a {@link PortalResponse}. Gateway errors are mapped; anything else is thrown to the framework.
 *
 * @example
 * const answer = await handlePurchase(gateway, { accountId, body });
 */
export type PortalHandler = (
  gateway: CrmGatewayClient,
  input: PortalHandlerInput,
  settings?: PortalHandlerSettings,
) => Promise<PortalResponse>;

/**
 * Settings shared by the portal handlers (each uses the ones that concern it).
 *
 * @example
 * const settings: PortalHandlerSettings = { prohibitDuplicateProductPurchase: true, cancelReasons: ['OTHER'] };
 */
export interface PortalHandlerSettings {
  /**
   * Purchase: refuse a second live entitlement of the same product for the same account (answered 409
   * `ALREADY_PURCHASED`). Default `true`: a portal user buying the same subscription twice is a mistake.
   */
  prohibitDuplicateProductPurchase?: boolean;
  /** Cancel: reason codes the body's `reason` may take (the first is the default); default `DEFAULT_CANCEL_REASONS`. */
  cancelReasons?: readonly string[];
  /** Called with every gateway error answered with 5xx, for the portal's logs (never shown to the end user). */
  onError?: (error: unknown, context: { correlationId: string; status: number }) => void;
}

/** The spec's identifier rule (generated into the client): 1–256 characters, no control character, not `.`/`..`. */
const IDENTIFIER = new RegExp(IDENTIFIER_RULE.pattern);

/** @internal Checks an identifier the end user sent (`productId` or the path's `entitlementId`). */
export function isIdentifier(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= IDENTIFIER_RULE.minLength &&
    value.length <= IDENTIFIER_RULE.maxLength &&
    IDENTIFIER.test(value)
  );
}

/** @internal The correlation id a handler reports in its answers. */
export function correlationIdFor(gateway: CrmGatewayClient, input: PortalHandlerInput): string {
  return input.correlationId ?? correlationIdOf(gateway) ?? normalizeCorrelationId(undefined);
}

/**
 * @internal Call options carrying the handler's correlation id, or `undefined` when the per-request client is
 * already bound to it (the plugins' case: the client then does not check and merge it again on every call).
 */
export function callOptionsFor(
  gateway: CrmGatewayClient,
  correlationId: string,
): { correlationId: string } | undefined {
  return correlationIdOf(gateway) === correlationId ? undefined : { correlationId };
}

/** @internal Runs a handler body and maps the client's errors to portal answers. */
export async function withGatewayErrors(
  correlationId: string,
  settings: PortalHandlerSettings,
  run: () => Promise<PortalResponse>,
): Promise<PortalResponse> {
  try {
    return await run();
  } catch (error) {
    const answer = mapGatewayError(error, correlationId);
    if (answer === undefined) throw error;
    if (answer.status >= 500) reportError(settings, error, correlationId, answer.status);
    return answer;
  }
}

function reportError(
  settings: PortalHandlerSettings,
  error: unknown,
  correlationId: string,
  status: number,
): void {
  try {
    settings.onError?.(error, { correlationId, status });
  } catch {
    // A failing logger must not change the answer.
  }
}

/** @internal 400 naming the field at fault. */
export function invalidField(field: string, message: string, correlationId: string): PortalResponse {
  return portalError(400, 'INVALID_REQUEST', message, correlationId, field);
}

/** @internal Reads a JSON object body; `undefined` body counts as `{}` when `optional`. */
export function objectBody(body: unknown, optional: boolean): Record<string, unknown> | undefined {
  if (body === undefined && optional) return {};
  if (typeof body === 'object' && body !== null && !Array.isArray(body))
    return body as Record<string, unknown>;
  return undefined;
}
