/**
 * Redis could not serve a {@link @crm-gateway/portal!NotificationStore | NotificationStore} call (down, unreachable, too slow, or refused the command). A
 * portal answers OPF with 503 on it, so OPF retries the notification later. The message names the operation and
 * the cause; it never contains the Redis URL or its password.
 *
 * @example
 * ```ts
 * try {
 *   await store.claim(eventId, 30_000);
 * } catch (error) {
 *   if (error instanceof NotificationStoreUnavailableError) return new Response(null, { status: 503 });
 *   throw error;
 * }
 * ```
 */
export class NotificationStoreUnavailableError extends Error {
  /** Stable code to switch on. */
  readonly code = 'NOTIFICATION_STORE_UNAVAILABLE' as const;
  /** The store operation that failed: `connect`, `claim`, `complete` or `release`. */
  readonly operation: string;

  constructor(operation: string, message: string, options?: { cause?: unknown }) {
    super(`Notification store unavailable (${operation}): ${message}`, options);
    this.name = 'NotificationStoreUnavailableError';
    this.operation = operation;
  }
}

/**
 * Redis could not serve a {@link @crm-gateway/client!TokenCache | TokenCache} call, or no token was stored within `waitMs`. `@crm-gateway/client`
 * then requests its token directly (and logs a warning), so a cache outage costs token requests, not calls. The
 * message never contains the Redis URL or its password.
 *
 * @example
 * ```ts
 * try {
 *   await tokenCache.get(key);
 * } catch (error) {
 *   if (error instanceof TokenCacheUnavailableError) console.warn(error.code, error.message);
 * }
 * ```
 */
export class TokenCacheUnavailableError extends Error {
  /** Stable code to switch on. */
  readonly code = 'TOKEN_CACHE_UNAVAILABLE' as const;
  /** The cache operation that failed: `connect`, `get`, `refresh` or `invalidate`. */
  readonly operation: string;

  constructor(operation: string, message: string, options?: { cause?: unknown }) {
    super(`Token cache unavailable (${operation}): ${message}`, options);
    this.name = 'TokenCacheUnavailableError';
    this.operation = operation;
  }
}

/** Builds the package's error for one failed operation. */
export type UnavailableErrorFactory = (
  operation: string,
  message: string,
  options?: { cause?: unknown },
) => Error;
