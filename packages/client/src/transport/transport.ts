import type { TokenProvider } from '../auth/token-provider.js';
import { AbortError } from '../errors/abort-error.js';
import { ConnectionError } from '../errors/connection-error.js';
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
  body?: string;
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
  /** How many HTTP requests the call made (attempts, the auth retry included). */
  requests: number;
}

/** What the transport is built from. */
export interface TransportSettings {
  fetch: typeof fetch;
  tokens: TokenProvider;
  backoff: Backoff;
  redactor: Redactor;
  logger?: Logger | undefined;
  random?: () => number;
}

const TOKEN_ERROR_CODE = '99999:403';

/** Thrown inside an attempt when the attempt's own timer fired. */
class AttemptTimeout extends Error {}

/**
 * The retry loop. It runs under openapi-fetch (as its custom `fetch`) and under the entitlement methods:
 * per attempt it takes a token and sets `Authorization`, `nv-tenant-id` and `x-correlation-id`; it retries network
 * errors, timeouts and 408/429/5xx with backoff and jitter (honouring `Retry-After`), never other 4xx; a refused
 * token (401, or 403 with resultCode `99999:403`) invalidates the token and is retried once, outside the retry
 * budget; the caller's signal aborts at once.
 */
export class Transport {
  private readonly random: () => number;

  constructor(private readonly settings: TransportSettings) {
    this.random = settings.random ?? Math.random;
  }

  async execute(request: TransportRequest): Promise<TransportAnswer> {
    const { signal, operation, correlationId } = request;
    const deadline = Date.now() + request.totalTimeoutMs;
    let retries = 0;
    let authRetried = false;
    let requests = 0;
    for (;;) {
      if (signal?.aborted) throw this.aborted(request);
      let token: string;
      try {
        token = await this.settings.tokens.getToken(signal);
      } catch (error) {
        if (signal?.aborted) throw this.aborted(request);
        const transient =
          isCrmGatewayError(error, 'AUTH_ERROR') && (error.status === 0 || isRetryableStatus(error.status));
        if (
          transient &&
          retries < request.maxRetries &&
          (await this.pause(request, retries, undefined, deadline))
        ) {
          retries += 1;
          continue;
        }
        throw error;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw this.timedOut(request, 'the whole call');
      const attemptTimeout = Math.min(request.timeoutMs, remaining);
      const headers: Record<string, string> = {
        ...request.headers,
        authorization: `Bearer ${token}`,
        'nv-tenant-id': request.tenantId,
        'x-correlation-id': correlationId,
      };
      requests += 1;
      let answer: TransportAnswer;
      try {
        answer = await this.attempt(request, headers, attemptTimeout, requests);
      } catch (error) {
        if (signal?.aborted) throw this.aborted(request);
        const timedOut = error instanceof AttemptTimeout;
        const failure = timedOut
          ? this.timedOut(request, attemptTimeout < request.timeoutMs ? 'the whole call' : 'the attempt')
          : new ConnectionError({
              message: `${operation}: could not reach the gateway or the connection broke (correlation id ${correlationId})`,
              correlationId,
              operation,
              cause: safeCause(error, this.settings.redactor),
            });
        this.settings.logger?.warn?.('crm-gateway attempt failed', {
          operation,
          correlationId,
          attempt: requests,
          code: failure.code,
        });
        if (retries < request.maxRetries && (await this.pause(request, retries, undefined, deadline))) {
          retries += 1;
          continue;
        }
        throw failure;
      }
      if (!authRetried && this.isTokenRefusal(answer)) {
        authRetried = true;
        this.settings.tokens.invalidate(token);
        this.settings.logger?.info?.('crm-gateway token refused; retrying once with a new token', {
          operation,
          correlationId,
          status: answer.status,
        });
        continue;
      }
      if (isRetryableStatus(answer.status) && retries < request.maxRetries) {
        const retryAfter = parseRetryAfter(answer.headers.get('retry-after'));
        if (await this.pause(request, retries, retryAfter, deadline, answer.status)) {
          retries += 1;
          continue;
        }
      }
      return answer;
    }
  }

  private async attempt(
    request: TransportRequest,
    headers: Record<string, string>,
    timeoutMs: number,
    attempt: number,
  ): Promise<TransportAnswer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs);
    const outer = request.signal;
    const onAbort = (): void => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.settings.fetch(request.url, {
        method: request.method,
        headers,
        body: request.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      const text = await response.text();
      this.settings.logger?.debug?.('crm-gateway answer', {
        operation: request.operation,
        correlationId: request.correlationId,
        attempt,
        status: response.status,
      });
      return { status: response.status, headers: response.headers, text, requests: attempt };
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof AttemptTimeout)
        throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }

  private isTokenRefusal(answer: TransportAnswer): boolean {
    if (answer.status === 401) return true;
    if (answer.status !== 403) return false;
    return answer.text.includes(TOKEN_ERROR_CODE) && readResultCode(answer.text) === TOKEN_ERROR_CODE;
  }

  /** Waits before the next retry; false when the wait would not fit (Retry-After too long or past the deadline). */
  private async pause(
    request: TransportRequest,
    retries: number,
    retryAfterMs: number | undefined,
    deadline: number,
    status?: number,
  ): Promise<boolean> {
    const { backoff } = this.settings;
    if (retryAfterMs !== undefined && retryAfterMs > backoff.maxRetryAfterMs) return false;
    const delay = retryAfterMs ?? backoffDelay(retries, backoff, this.random);
    if (Date.now() + delay >= deadline) return false;
    this.settings.logger?.info?.('crm-gateway retrying', {
      operation: request.operation,
      correlationId: request.correlationId,
      retry: retries + 1,
      delayMs: delay,
      status,
    });
    try {
      await sleep(delay, request.signal);
    } catch {
      throw this.aborted(request);
    }
    return true;
  }

  private aborted(request: TransportRequest): AbortError {
    return new AbortError({
      message: `${request.operation}: aborted by the caller (correlation id ${request.correlationId})`,
      correlationId: request.correlationId,
      operation: request.operation,
    });
  }

  private timedOut(request: TransportRequest, scope: 'the attempt' | 'the whole call'): TimeoutError {
    const limit = scope === 'the attempt' ? request.timeoutMs : request.totalTimeoutMs;
    return new TimeoutError({
      message: `${request.operation}: no answer within ${limit} ms (${scope}; correlation id ${request.correlationId})`,
      correlationId: request.correlationId,
      operation: request.operation,
    });
  }
}

function readResultCode(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { resultCode?: unknown };
    return typeof body?.resultCode === 'string' ? body.resultCode : undefined;
  } catch {
    return undefined;
  }
}
