import type { SharedApi } from '../api/create-api.js';
import { requestClass } from '../api/create-api.js';
import { errorFromResponse } from '../errors/error-from-response.js';
import { operationFailure } from '../errors/operation-failure.js';
import { ServerError } from '../errors/server-error.js';
import type { CallOptions } from '../entitlements/types.js';
import { newCorrelationId } from '../internal/correlation-id.js';
import type { Redactor } from '../internal/redactor.js';
import type { CallSettings, OutgoingRequest, Transport } from '../transport/transport.js';
import {
  checkHeaderToken,
  checkObject,
  checkOptionalDuration,
  checkOptionalInteger,
  checkOptionalSignal,
} from '../validation/validate.js';
import type { CallDefaults } from './call-settings.js';

/** Everything the entitlement methods need to talk to the gateway. */
export interface Gateway {
  /** The openapi-fetch client `client.api` shares (so its middleware sees the entitlement calls too). */
  shared: SharedApi;
  transport: Transport;
  redactor: Redactor;
  defaults: CallDefaults;
}

/** One call's resolved settings. */
export interface PreparedCall extends CallDefaults {
  correlationId: string;
  signal: AbortSignal | undefined;
}

/** A 2xx answer, parsed. */
export interface GatewayResult {
  status: number;
  body: unknown;
  correlationId: string;
}

/** Validates the call options and merges them over the defaults. */
export function prepareCall(
  defaults: CallDefaults,
  options: CallOptions | undefined,
  operation: string,
): PreparedCall {
  const o = options === undefined ? {} : (checkObject(options, 'options', operation) as CallOptions);
  const header = (key: 'correlationId' | 'tenantId'): string | undefined =>
    o[key] === undefined ? defaults[key] : checkHeaderToken(o[key], key, operation);
  return {
    correlationId: header('correlationId') ?? newCorrelationId(),
    tenantId: header('tenantId')!,
    signal: checkOptionalSignal(o.signal, 'signal', operation),
    timeoutMs: checkOptionalDuration(o.timeoutMs, 'timeoutMs', operation) ?? defaults.timeoutMs,
    totalTimeoutMs:
      checkOptionalDuration(o.totalTimeoutMs, 'totalTimeoutMs', operation) ?? defaults.totalTimeoutMs,
    maxRetries: checkOptionalInteger(o.maxRetries, 'maxRetries', 0, 20, operation) ?? defaults.maxRetries,
  };
}

/**
 * The openapi-fetch options of one entitlement call: its headers (so middleware sees them), signal, the body
 * read as text (parsed by {@link callGateway}, which tolerates a non-JSON answer) and the client's `fetch`.
 */
export interface CallInit {
  headers: Record<string, string>;
  signal: AbortSignal | undefined;
  parseAs: 'text';
  Request: typeof Request;
  fetch: (request: OutgoingRequest) => Promise<Response>;
}

/** What an openapi-fetch method answers (`data` is the body text with `parseAs: 'text'`). */
export interface ApiAnswer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Operations whose 404 can only mean "tenant not found" (no entitlement in their path). */
const TENANT_ONLY_404 = ['createThirdPartyEntitlement', 'listEntitlements', 'deleteAccountEntitlements'];

/**
 * Sends one operation through the shared openapi-fetch client (`send` makes the typed `client.api` call with the
 * given options); a non-2xx answer throws the error class of its case.
 *
 * @example
 * ```ts
 * const result = await callGateway(gateway, call, 'getActivationInfo', (init) =>
 *   gateway.shared.raw.GET('/tpes/v1/operator/entitlements/{entitlementId}/activationinfo', {
 *     ...init,
 *     params: { path: { entitlementId } },
 *   }),
 * );
 * ```
 */
export async function callGateway(
  gateway: Gateway,
  call: PreparedCall,
  operation: string,
  send: (init: CallInit) => Promise<ApiAnswer>,
): Promise<GatewayResult> {
  const { correlationId, signal } = call;
  const settings: CallSettings = { ...call, operation };
  const watched = requestClass(gateway.shared);
  const realResponse = watched === Request;
  const { data, error, response } = await send({
    headers: { 'x-correlation-id': correlationId, 'nv-tenant-id': call.tenantId },
    signal,
    parseAs: 'text',
    Request: watched,
    fetch: (request) => gateway.transport(request, settings, realResponse),
  });
  const { status } = response;
  if (status > 199 && status < 300) return { status, body: parse(data), correlationId };
  throw errorFromResponse({
    operation,
    status,
    correlationId,
    body: gateway.redactor.redactValue(typeof error === 'string' ? error.slice(0, 2000) || undefined : error),
    tenantOnly404: TENANT_ONLY_404.includes(operation),
  });
}

/** A body text, parsed (a text that is not JSON is kept, cut to 2,000 characters). */
function parse(text: unknown): unknown {
  if (typeof text !== 'string' || !text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 2000);
  }
}

/** An answer whose 2xx body the client cannot use. */
export function unreadableAnswer(operation: string, result: GatewayResult, what: string): ServerError {
  const { status, body } = result;
  return operationFailure(
    ServerError,
    operation,
    result.correlationId,
    `the answer (HTTP ${status}) has no ${what}`,
    {
      status,
      body,
    },
  );
}
