import type { TokenProvider } from '../auth/token-provider.js';
import { AbortError } from '../errors/abort-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import type { CrmGatewayError } from '../errors/crm-gateway-error.js';
import { isCrmGatewayError } from '../errors/is-crm-gateway-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { Logger } from '../internal/logger.js';
import type { Redactor } from '../internal/redactor.js';
import { safeCause } from '../internal/safe-cause.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, type Backoff } from '../retry/retry-policy.js';
import { sleep } from '../retry/sleep.js';

/** One logical call to the gateway (all its attempts share it). */
export interface TransportRequest {
  /** The spec's operationId (or `METHOD /path` when unknown). */
  operation: string;
  method: string;
  /** Absolute URL, query included. */
  url: string;
  /** Extra headers (content-type, accept …); auth, tenant and correlation headers are set per attempt. */
  headers?: Record<string, string>;
  body?: string | undefined;
  correlationId: string;
  tenantId: string;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
}

/** The final answer of a call, read whole. */
export interface TransportAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** What the transport is built from. */
export interface TransportSettings {
  fetch: typeof fetch;
  tokens: TokenProvider;
  backoff: Backoff;
  redactor: Redactor;
  logger?: Logger | undefined;
}

/** Sends one logical call (see {@link createTransport}). */
export type Transport = (request: TransportRequest) => Promise<TransportAnswer>;

/** Marks the attempt's own timer as the abort reason. */
const ATTEMPT_TIMEOUT = { timeout: true };

/**
 * The retry loop. It runs under openapi-fetch (as its custom `fetch`) and under the entitlement methods:
 * per attempt it takes a token and sets `Authorization`, `nv-tenant-id` and `x-correlation-id`; it retries network
 * errors, timeouts and 408/429/5xx with backoff and jitter (honouring `Retry-After`), never other 4xx; a refused
 * token (401, or 403 with resultCode `99999:403`) invalidates the token and is retried once, outside the retry
 * budget; the caller's signal aborts at once.
 */
export function createTransport({ fetch, tokens, backoff, redactor, logger }: TransportSettings): Transport {
  return async (request) => {
    const { signal, operation, correlationId, timeoutMs } = request;
    const deadline = Date.now() + request.totalTimeoutMs;
    const fields = { operation, correlationId };
    let retries = 0;
    let authRetried = false;
    const error = (
      Type: typeof AbortError | typeof TimeoutError | typeof ConnectionError,
      what: string,
      cause?: unknown,
    ): CrmGatewayError =>
      new Type({ message: `${operation}: ${what} (correlation id ${correlationId})`, cause, ...fields });
    const aborted = (): CrmGatewayError => error(AbortError, 'aborted by the caller');
    /** Waits before the next retry; false when the wait does not fit (long Retry-After, deadline). */
    const pause = async (retryAfter?: number): Promise<boolean> => {
      if (retries >= request.maxRetries || (retryAfter ?? 0) > backoff.maxRetryAfterMs) return false;
      const delay = retryAfter ?? backoffDelay(retries, backoff);
      if (Date.now() + delay >= deadline) return false;
      retries += 1;
      logger?.info?.('crm-gateway retry', { ...fields, retry: retries, delayMs: delay });
      await sleep(delay, signal).catch(() => {
        throw aborted();
      });
      return true;
    };
    for (;;) {
      if (signal?.aborted) throw aborted();
      let token: string;
      try {
        token = await tokens.getToken(signal);
      } catch (failure) {
        if (signal?.aborted) throw aborted();
        // A token endpoint outage (no answer, 5xx, 429) is retried like a gateway one.
        if (
          isCrmGatewayError(failure, 'AUTH_ERROR') &&
          (!failure.status || isRetryableStatus(failure.status))
        ) {
          if (await pause()) continue;
        }
        throw failure;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw error(TimeoutError, `no answer within ${request.totalTimeoutMs} ms`);
      const controller = new AbortController();
      const onAbort = (): void => controller.abort();
      const timer = setTimeout(() => controller.abort(ATTEMPT_TIMEOUT), Math.min(timeoutMs, remaining));
      signal?.addEventListener('abort', onAbort);
      let answer: TransportAnswer;
      try {
        const response = await fetch(request.url, {
          method: request.method,
          headers: {
            ...request.headers,
            authorization: `Bearer ${token}`,
            'nv-tenant-id': request.tenantId,
            'x-correlation-id': correlationId,
          },
          body: request.body,
          redirect: 'manual',
          signal: controller.signal,
        });
        answer = { status: response.status, headers: response.headers, text: await response.text() };
      } catch (cause) {
        if (signal?.aborted) throw aborted();
        const failure =
          controller.signal.reason === ATTEMPT_TIMEOUT
            ? error(
                TimeoutError,
                `no answer within ${timeoutMs < remaining ? timeoutMs : request.totalTimeoutMs} ms`,
              )
            : error(
                ConnectionError,
                'the gateway could not be reached or the connection broke',
                safeCause(cause, redactor),
              );
        logger?.warn?.('crm-gateway attempt failed', { ...fields, code: failure.code });
        if (await pause()) continue;
        throw failure;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      logger?.debug?.('crm-gateway answer', { ...fields, status: answer.status });
      const { status } = answer;
      if (!authRetried && (status === 401 || (status === 403 && answer.text.includes('"99999:403"')))) {
        // The token was refused (expired, revoked): drop it and try once more with a new one.
        authRetried = true;
        tokens.invalidate(token);
        continue;
      }
      if (isRetryableStatus(status) && (await pause(parseRetryAfter(answer.headers.get('retry-after')))))
        continue;
      return answer;
    }
  };
}
