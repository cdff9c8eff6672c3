import type { CallContext } from '../client/call-context.js';
import type { Logger } from '../internal/logger.js';
import { backoffDelay, type Backoff } from '../retry/retry-policy.js';
import { sleep } from '../retry/sleep.js';
import { aborted } from './failures.js';

/** Waits before retry number `retries + 1`; false when it does not fit (long Retry-After, deadline). */
export type Pause = (
  request: CallContext,
  retries: number,
  deadline: number,
  retryAfter?: number,
) => Promise<boolean>;

/** The {@link Pause} of a transport: backoff with jitter, or the server's Retry-After, logged. */
export function createPause(backoff: Backoff, logger: Logger | undefined): Pause {
  return async (request, retries, deadline, retryAfter) => {
    if (retries >= request.maxRetries || (retryAfter ?? 0) > backoff.maxRetryAfterMs) return false;
    const delay = retryAfter ?? backoffDelay(retries, backoff);
    if (Date.now() + delay >= deadline) return false;
    const { operation, correlationId } = request;
    logger?.info?.('crm-gateway retry', { operation, correlationId, retry: retries + 1, delayMs: delay });
    await sleep(delay, request.signal).catch(() => {
      throw aborted(request);
    });
    return true;
  };
}
