/**
 * An access token as a {@link TokenCache} stores it: no refresh token, absolute times in ms since the epoch.
 *
 * @example
 * ```ts
 * const token: SharedToken = { accessToken: 'eyJ…', obtainedAt: Date.now(), expiresAt: Date.now() + 300_000 };
 * ```
 */
export interface SharedToken {
  accessToken: string;
  obtainedAt: number;
  expiresAt: number;
}

/**
 * A token cache shared by several client instances (a fleet of portal processes), so they request one Keycloak
 * token between them instead of one each. `@crm-gateway/redis` has one (`createRedisTokenCache`); the client
 * calls it only from its token refresh, never per request. Only access tokens are shared: refresh tokens and
 * credentials stay in each process.
 *
 * @example
 * ```ts
 * import { createRedisTokenCache } from '@crm-gateway/redis';
 *
 * const tokenCache: TokenCache = await createRedisTokenCache({ url: process.env.REDIS_URL! });
 * const client = createCrmGatewayClient({ baseUrl, tenantId, auth, tokenCache });
 * ```
 */
export interface TokenCache {
  /** The token stored under `key`, if any. */
  get(key: string): Promise<SharedToken | undefined>;
  /**
   * Obtains a token through `obtain` at most once at a time across every instance sharing the cache for `key`:
   * the winner of a lock calls `obtain` and stores the result; the others wait (bounded) for the stored token and
   * return it. `staleToken`: a token the caller knows is refused — a stored token equal to it does not count.
   * An error thrown by `obtain` must reach the caller unchanged.
   */
  refresh(key: string, obtain: () => Promise<SharedToken>, staleToken?: string): Promise<SharedToken>;
  /** Drops the stored token under `key` if it is still `accessToken`. */
  invalidate(key: string, accessToken: string): Promise<void>;
}
