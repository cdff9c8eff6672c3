import { errorFromResponse } from '../errors/error-from-response.js';
import { ServerError } from '../errors/server-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { OPERATION_ROUTES } from '../api/operations.js';
import type { CallOptions } from '../entitlements/types.js';
import { newCorrelationId } from '../internal/correlation-id.js';
import type { Redactor } from '../internal/redactor.js';
import type { Transport } from '../transport/transport.js';
import {
  checkHeaderToken,
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
export interface PreparedCall {
  correlationId: string;
  tenantId: string;
  signal: AbortSignal | undefined;
  timeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
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
  if (options === undefined) {
    return {
      correlationId: defaults.correlationId ?? newCorrelationId(),
      tenantId: defaults.tenantId,
      signal: undefined,
      timeoutMs: defaults.timeoutMs,
      totalTimeoutMs: defaults.totalTimeoutMs,
      maxRetries: defaults.maxRetries,
    };
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError('options', 'must be an object', operation);
  }
  return {
    correlationId:
      options.correlationId === undefined
        ? (defaults.correlationId ?? newCorrelationId())
        : checkHeaderToken(options.correlationId, 'correlationId', operation),
    tenantId:
      options.tenantId === undefined
        ? defaults.tenantId
        : checkHeaderToken(options.tenantId, 'tenantId', operation),
    signal: checkOptionalSignal(options.signal, 'signal', operation),
    timeoutMs: checkOptionalDuration(options.timeoutMs, 'timeoutMs', operation) ?? defaults.timeoutMs,
    totalTimeoutMs:
      checkOptionalDuration(options.totalTimeoutMs, 'totalTimeoutMs', operation) ?? defaults.totalTimeoutMs,
    maxRetries:
      checkOptionalInteger(options.maxRetries, 'maxRetries', 0, 20, operation) ?? defaults.maxRetries,
  };
}

const JSON_HEADERS = { accept: 'application/json' };
const JSON_BODY_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };
const TENANT_ONLY_404 = new Set(OPERATION_ROUTES.filter((r) => r.tenantOnly404).map((r) => r.operationId));

/** Sends one operation through the transport; a non-2xx answer throws the error class of its case. */
export async function callGateway(
  gateway: Gateway,
  call: PreparedCall,
  operation: string,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<GatewayResult> {
  const answer = await gateway.transport.execute({
    operation,
    method,
    url: gateway.baseUrl + pathAndQuery,
    headers: body === undefined ? JSON_HEADERS : JSON_BODY_HEADERS,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    correlationId: call.correlationId,
    tenantId: call.tenantId,
    signal: call.signal,
    timeoutMs: call.timeoutMs,
    totalTimeoutMs: call.totalTimeoutMs,
    maxRetries: call.maxRetries,
  });
  const parsed = parseBody(answer.text);
  if (answer.status >= 200 && answer.status < 300) {
    return { status: answer.status, body: parsed, correlationId: call.correlationId };
  }
  throw errorFromResponse({
    operation,
    status: answer.status,
    correlationId: call.correlationId,
    body: gateway.redactor.redactValue(parsed),
    tenantOnly404: TENANT_ONLY_404.has(operation),
  });
}

/** An answer whose 2xx body the client cannot use. */
export function unreadableAnswer(operation: string, result: GatewayResult, what: string): ServerError {
  return new ServerError({
    message: `${operation}: the gateway's answer (HTTP ${result.status}) has no ${what} (correlation id ${result.correlationId})`,
    status: result.status,
    correlationId: result.correlationId,
    operation,
    body: result.body,
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  }
}
