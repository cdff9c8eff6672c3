import { errorFromResponse } from '../errors/error-from-response.js';
import { operationFailure } from '../errors/operation-failure.js';
import { ServerError } from '../errors/server-error.js';
import type { CallOptions } from '../entitlements/types.js';
import { newCorrelationId } from '../internal/correlation-id.js';
import type { Redactor } from '../internal/redactor.js';
import type { Transport } from '../transport/transport.js';
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
  /** Base URL without a trailing slash. */
  baseUrl: string;
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

/** Operations whose 404 can only mean "tenant not found" (no entitlement in their path). */
const TENANT_ONLY_404 = ['createThirdPartyEntitlement', 'listEntitlements', 'deleteAccountEntitlements'];

/** Sends one operation through the transport; a non-2xx answer throws the error class of its case. */
export async function callGateway(
  gateway: Gateway,
  call: PreparedCall,
  operation: string,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<GatewayResult> {
  const answer = await gateway.transport({
    ...call,
    operation,
    method,
    url: gateway.baseUrl + pathAndQuery,
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let parsed: unknown;
  try {
    parsed = answer.text ? JSON.parse(answer.text) : undefined;
  } catch {
    parsed = answer.text.slice(0, 2000);
  }
  const { status } = answer;
  if (status > 199 && status < 300) return { status, body: parsed, correlationId: call.correlationId };
  throw errorFromResponse({
    operation,
    status,
    correlationId: call.correlationId,
    body: gateway.redactor.redactValue(parsed),
    tenantOnly404: TENANT_ONLY_404.includes(operation),
  });
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
