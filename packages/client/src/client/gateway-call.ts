import type { ClientPathsWithMethod, MaybeOptionalInit } from 'openapi-fetch';
import type { SharedApi } from '../api/create-api.js';
import { LightRequest } from '../transport/light-messages.js';
import type { GatewayPaths } from '../api/gateway-api.js';
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
export interface PreparedCall extends CallSettings {
  signal: AbortSignal | undefined;
}

/** A 2xx answer, parsed. */
export interface GatewayResult {
  status: number;
  body: unknown;
  correlationId: string;
}

/** Validates the call options of `operation` and merges them over the defaults. */
export function prepareCall(
  defaults: CallDefaults,
  options: CallOptions | undefined,
  operation: string,
): PreparedCall {
  const o = options === undefined ? {} : (checkObject(options, 'options', operation) as CallOptions);
  const header = (key: 'correlationId' | 'tenantId'): string | undefined =>
    o[key] === undefined ? defaults[key] : checkHeaderToken(o[key], key, operation);
  return {
    operation,
    correlationId: header('correlationId') ?? newCorrelationId(),
    tenantId: header('tenantId')!,
    signal: checkOptionalSignal(o.signal, 'signal', operation),
    timeoutMs: checkOptionalDuration(o.timeoutMs, 'timeoutMs', operation) ?? defaults.timeoutMs,
    totalTimeoutMs:
      checkOptionalDuration(o.totalTimeoutMs, 'totalTimeoutMs', operation) ?? defaults.totalTimeoutMs,
    maxRetries: checkOptionalInteger(o.maxRetries, 'maxRetries', 0, 20, operation) ?? defaults.maxRetries,
  };
}

type Method = 'get' | 'put' | 'post' | 'delete';
type Api = SharedApi['raw'];

/**
 * Sends one operation through the shared openapi-fetch client (the `client.api` call of `method` and `path`, typed
 * by the spec), with the call's headers (so middleware sees them), its signal and the client's `fetch`; the body is
 * read as text and parsed here (a non-JSON answer is tolerated). A non-2xx answer throws the error class of its case.
 *
 * @example
 * ```ts
 * const result = await callGateway(gateway, prepareCall(gateway.defaults, options, 'getActivationInfo'), 'get',
 *   '/tpes/v1/operator/entitlements/{entitlementId}/activationinfo', { params: { path: { entitlementId } } });
 * ```
 */
export async function callGateway<M extends Method, P extends ClientPathsWithMethod<Api, M>>(
  gateway: Gateway,
  call: PreparedCall,
  method: M,
  path: P,
  init: MaybeOptionalInit<GatewayPaths[P], M>,
): Promise<GatewayResult> {
  const { correlationId, signal, operation } = call;
  // Without middleware nothing but the client's `fetch` (which sets the call's headers itself) sees the request:
  // no `Request` needs to be built.
  const watched = gateway.shared.middleware.length > 0;
  const { data, error, response } = await (gateway.shared.raw.request as Untyped)(method, path, {
    ...init,
    headers: watched ? { 'x-correlation-id': correlationId, 'nv-tenant-id': call.tenantId } : undefined,
    signal,
    parseAs: 'text',
    Request: watched ? Request : LightRequest,
    fetch: (request: OutgoingRequest) => gateway.transport(request, call),
  });
  const { status } = response;
  if (status > 199 && status < 300) return { status, body: parse(data), correlationId };
  throw errorFromResponse({
    operation,
    status,
    correlationId,
    body: gateway.redactor.redactValue(typeof error === 'string' ? parse(error) : error),
    // Without an entitlement in the path, a 404 can only mean "tenant not found".
    tenantOnly404: !path.includes('{entitlementId}'),
  });
}

/** `request` without its types (checked at the call of {@link callGateway}). */
type Untyped = (
  method: string,
  path: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

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
