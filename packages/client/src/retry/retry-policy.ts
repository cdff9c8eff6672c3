/**
 * How long to wait between attempts.
 *
 * @example
 * ```ts
 * const backoff: BackoffOptions = { initialDelayMs: 100, maxDelayMs: 2_000, maxRetryAfterMs: 10_000 };
 * ```
 */
export interface BackoffOptions {
  /** Delay before the first retry (before jitter). Default 250 ms. */
  initialDelayMs?: number;
  /** Upper bound of the exponential delay. Default 8 000 ms. */
  maxDelayMs?: number;
  /**
   * Longest `Retry-After` the client waits for. A longer one ends the retries at once (the error is returned),
   * since retrying earlier than the gateway asked would not help. Default 20 000 ms.
   */
  maxRetryAfterMs?: number;
}

/** The resolved backoff settings. */
export interface Backoff {
  initialDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 20_000 };

/** Statuses worth another attempt: request timeout, too many requests and every server error. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The delay before retry number `retry` (0-based): exponential, capped, with jitter between 50 % and 100 % so
 * that many clients retrying together spread out.
 */
export function backoffDelay(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const exponential = Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** retry);
  return Math.round(exponential * (0.5 + random() * 0.5));
}

/**
 * Reads `Retry-After` (delay in seconds, or an HTTP date) as milliseconds from `now`; undefined when absent or
 * unreadable. A date in the past gives 0.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  const trimmed = value?.trim() ?? '';
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date always names its day and month ("Wed, 21 Oct 2015 07:28:00 GMT").
  const date = /[A-Za-z]{3}/.test(trimmed) ? Date.parse(trimmed) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
