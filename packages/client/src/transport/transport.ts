import type { CallContext } from '../client/call-context.js';
import type { TokenProvider } from '../auth/token-provider.js';
import type { CrmGatewayError } from '../errors/crm-gateway-error.js';
import { isCrmGatewayError } from '../errors/is-crm-gateway-error.js';
import { ServerError } from '../errors/server-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { Logger } from '../internal/logger.js';
import type { Redactor } from '../internal/redactor.js';
import { isRetryableStatus, parseRetryAfter, type Backoff } from '../retry/retry-policy.js';
import { aborted, attemptFailure, failure } from './failures.js';
import { lightResponse, rebuiltResponse, type LightRequest } from './light-messages.js';
import { createPause } from './pause.js';
import { ATTEMPT_TIMEOUT, REDIRECTED, sendAttempt } from './send-attempt.js';

/**
 * What the transport sends: the `Request` openapi-fetch hands to the client's `fetch`, or the {@link LightRequest}
 * of an entitlement call no middleware can see (then `body` is the serialized body, not a stream).
 */
export type OutgoingRequest = Request | LightRequest;

/** What the transport is built from. */
export interface TransportSettings {
  fetch: typeof fetch;
  tokens: TokenProvider;
  backoff: Backoff;
  redactor: Redactor;
  logger?: Logger | undefined;
  /** Whether `fetch` is Node's own, undici's (no `fetch` option): see `sendAttempt` for what that spares. */
  nodeFetch: boolean;
}

/**
 * Sends one logical call (see {@link createTransport}). A {@link LightRequest} (an entitlement call no middleware
 * sees) gets a light answer (see `lightResponse`); a real `Request` a real `Response`.
 */
export type Transport = (request: OutgoingRequest, call: CallContext) => Promise<Response>;

/** The headers every attempt of a call sends (`authorization` is set per attempt). */
function callHeaders(own: Record<string, string>, request: CallContext): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', ...own };
  headers['nv-tenant-id'] = request.tenantId;
  headers['x-correlation-id'] = request.correlationId;
  return headers;
}

/** A token endpoint outage (no answer, 5xx, 429): retried like a gateway one, honouring its Retry-After. */
const isTokenOutage = (error: unknown): error is CrmGatewayError & { retryAfterMs?: number } =>
  isCrmGatewayError(error, 'AUTH_ERROR') && (!error.status || isRetryableStatus(error.status));

/**
 * The retry loop, openapi-fetch's `fetch` for `client.api` and the entitlement methods alike (so middleware runs
 * once per call and sees the final answer only). It reads the request once; per attempt it takes a token and sets `Authorization`, `nv-tenant-id` and `x-correlation-id`; it retries network
 * errors, timeouts and 408/429/5xx with backoff and jitter (honouring `Retry-After`), never other 4xx; a refused
 * token (401, or 403 with resultCode `99999:403`) invalidates the token and is retried once, outside the retry
 * budget; the caller's signal aborts at once.
 */
export function createTransport({
  fetch,
  tokens,
  backoff,
  redactor,
  logger,
  nodeFetch,
}: TransportSettings): Transport {
  const pause = createPause(backoff, logger);
  return async (outgoing, request) => {
    const { signal, timeoutMs, totalTimeoutMs, operation, correlationId } = request;
    // Read once: every attempt sends the same URL, headers and body (a real Request's body is a stream).
    const { url, method } = outgoing;
    const real = outgoing instanceof Request;
    const body = real ? (outgoing.body ? await outgoing.text() : undefined) : outgoing.body;
    const headers = callHeaders(real ? Object.fromEntries(outgoing.headers) : outgoing.headers, request);
    const deadline = Date.now() + totalTimeoutMs;
    let retries = 0;
    let authRetried = false;
    for (;;) {
      if (signal?.aborted) throw aborted(request);
      let token: string;
      try {
        token = await tokens.getToken(signal);
      } catch (error) {
        if (signal?.aborted) throw aborted(request);
        if (isTokenOutage(error) && (await pause(request, retries++, deadline, error.retryAfterMs))) continue;
        throw error;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw failure(TimeoutError, request, `no answer within ${totalTimeoutMs} ms`);
      headers['authorization'] = `Bearer ${token}`;
      let response: Response, text: string;
      try {
        [response, text] = await sendAttempt(
          fetch,
          url,
          { method, headers, body },
          Math.min(timeoutMs, remaining),
          signal,
          nodeFetch,
        );
      } catch (cause) {
        if (signal?.aborted) throw aborted(request);
        // Never retried, as any other 3xx answer (its status is not known here).
        if (cause === REDIRECTED)
          throw failure(ServerError, request, 'answered with a redirect (not followed)');
        const error = attemptFailure(request, cause === ATTEMPT_TIMEOUT, cause, redactor);
        logger?.warn?.('crm-gateway attempt failed', { operation, correlationId, code: error.code });
        if (await pause(request, retries++, deadline)) continue;
        throw error;
      }
      const { status } = response;
      logger?.debug?.('crm-gateway answer', { operation, correlationId, status });
      if (!authRetried && (status === 401 || (status === 403 && text.includes('"99999:403"')))) {
        // The token was refused (expired, revoked): drop it and try once more with a new one.
        authRetried = true;
        tokens.invalidate(token);
        continue;
      }
      if (
        isRetryableStatus(status) &&
        (await pause(request, retries++, deadline, parseRetryAfter(response.headers.get('retry-after'))))
      )
        continue;
      return real ? rebuiltResponse(response, text) : lightResponse(response, text);
    }
  };
}
