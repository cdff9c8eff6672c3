import { newCorrelationId } from '../internal/correlation-id.js';
import {
  checkHeaderToken,
  checkObject,
  checkOptionalDuration,
  checkOptionalInteger,
  checkOptionalSignal,
} from '../validation/validate.js';

/**
 * The resolved settings of one call: what the transport applies to every attempt, and what a result or an error
 * reports. The client's options give the defaults, `withContext` binds a tenant and a correlation id, and a
 * call's options override them for that call only ({@link CallOptions}).
 *
 * @example
 * ```ts
 * const call: CallContext = {
 *   tenantId: 'tenant1',
 *   correlationId: newCorrelationId(),
 *   timeoutMs: 10_000,
 *   totalTimeoutMs: 60_000,
 *   maxRetries: 2,
 *   operation: 'createThirdPartyEntitlement',
 * };
 * ```
 */
export interface CallContext {
  /** Sent as `nv-tenant-id`. Default: the client's `tenantId` (or the one bound by `withContext`). */
  tenantId: string;
  /** Sent as `x-correlation-id` on every attempt and returned on the result and on every error. Default: a UUID. */
  correlationId: string;
  /** Per-attempt timeout in ms. Default: the client's `timeoutMs`. */
  timeoutMs: number;
  /** Whole-call timeout (all attempts and waits) in ms. Default: the client's `totalTimeoutMs`. */
  totalTimeoutMs: number;
  /** Retries after the first attempt. Default: the client's `maxRetries`. */
  maxRetries: number;
  /** Aborts the call at once (an `AbortError`, no further attempt). */
  signal?: AbortSignal | undefined;
  /** The spec's operationId (`METHOD /path` for a `client.api` call); named by every error. Set by the client. */
  operation: string;
}

/**
 * Options of one call: an alias of `Partial<Omit<CallContext, 'operation'>>`; each one given overrides the
 * client's (or `withContext`'s) default for this call only.
 *
 * @example
 * ```ts
 * const options: CallOptions = { correlationId: req.id, signal: AbortSignal.timeout(5_000), timeoutMs: 2_000 };
 * ```
 */
export type CallOptions = Partial<Omit<CallContext, 'operation'>>;

/**
 * What {@link CrmGatewayClient.withContext} takes: an alias of `Partial<Pick<CallContext, 'tenantId' |
 * 'correlationId'>>`, the tenant and correlation id every call of the view uses unless the call says otherwise.
 *
 * @example
 * ```ts
 * const context: ClientContext = { correlationId: req.headers['x-request-id'], tenantId: 'tenant2' };
 * ```
 */
export type ClientContext = Partial<Pick<CallContext, 'tenantId' | 'correlationId'>>;

/**
 * What a client or a `withContext` view is bound with (`client.context`): its tenant, and its correlation id when
 * one was bound (a call without one then gets a new id).
 *
 * @example
 * ```ts
 * const scoped = client.withContext({ correlationId: 'order-42' });
 * scoped.context; // { tenantId: 'tenant1', correlationId: 'order-42' }
 * ```
 */
export type BoundContext = Readonly<Pick<CallContext, 'tenantId'> & ClientContext>;

/** @internal The defaults of a client or `withContext` view: a {@link CallContext} before a call resolves it. */
export type ContextDefaults = Omit<CallContext, 'operation' | 'signal' | 'correlationId'> &
  Pick<ClientContext, 'correlationId'>;

/** @internal What a view shows as `context` (a frozen copy of its bound tenant and correlation id). */
export function boundContext({ tenantId, correlationId }: ContextDefaults): BoundContext {
  return Object.freeze(correlationId === undefined ? { tenantId } : { tenantId, correlationId });
}

/** @internal The defaults of a `withContext` view: `context` checked (`ValidationError`) over `defaults`. */
export function bindContext(defaults: ContextDefaults, context: ClientContext): ContextDefaults {
  const fields = checkObject(context, 'context');
  const next = { ...defaults };
  for (const key of ['tenantId', 'correlationId'] as const) {
    if (fields[key] !== undefined) next[key] = checkHeaderToken(fields[key], `context.${key}`);
  }
  return next;
}

/** @internal A call's context: the options of `operation` checked (`ValidationError`) and merged over `defaults`. */
export function resolveCall(
  defaults: ContextDefaults,
  options: CallOptions | undefined,
  operation: string,
): CallContext {
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

/**
 * @internal The context of a `client.api` call, read from the request openapi-fetch built: a header given at the
 * call site wins over the view's defaults; the operation is `METHOD /path`.
 */
export function requestCall(defaults: ContextDefaults, request: Request): CallContext {
  return {
    ...defaults,
    operation: `${request.method} ${new URL(request.url).pathname}`,
    correlationId: checkHeaderToken(
      request.headers.get('x-correlation-id') ?? defaults.correlationId ?? newCorrelationId(),
      'correlationId',
    ),
    tenantId: checkHeaderToken(request.headers.get('nv-tenant-id') ?? defaults.tenantId, 'tenantId'),
    signal: request.signal ?? undefined,
  };
}
