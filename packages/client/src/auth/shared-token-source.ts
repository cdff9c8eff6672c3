import type { Logger } from '../internal/logger.js';
import type { Redactor } from '../internal/redactor.js';
import { adoptShared, cacheKey } from './shared-token.js';
import type { TokenCache } from './token-cache.js';
import type { TokenSet, TokenSource } from './token-provider.js';
import { isUsable } from './token-times.js';

/**
 * Puts a {@link TokenCache} in front of `source`: a token another instance stored (and still valid, and not the one
 * being replaced or refused) is used without asking Keycloak; otherwise the fleet-wide `cache.refresh` decides
 * who asks. Only the access token and its times leave the process. The key is a SHA-256 (Web Crypto) of
 * `identity` (token URL, grant, client id, username, scope: no secret). If the cache itself fails, the token is
 * requested directly (logged), so a cache outage costs token requests, not calls.
 */
export function createSharedTokenSource(
  source: TokenSource,
  cache: TokenCache,
  identity: string[],
  now: () => number,
  redactor: Redactor,
  logger?: Logger,
): TokenSource {
  let key: Promise<string> | undefined;
  let refused: string | undefined;
  const warn = (error: unknown): void =>
    logger?.warn?.('crm-gateway token cache failed', {
      error: (error as Error)?.name,
    });
  const keyOf = (): Promise<string> => (key ??= cacheKey(identity));
  return {
    async obtain(previous) {
      // This instance's own request, when the cache let it ask: its outcome wins over any cache failure after it.
      let own: Promise<TokenSet> | undefined;
      try {
        const key = await keyOf();
        const stored = await cache.get(key);
        if (
          stored &&
          stored.accessToken !== previous?.accessToken &&
          stored.accessToken !== refused &&
          isUsable(stored, now())
        ) {
          return adoptShared(stored, redactor);
        }
        const got = await cache.refresh(
          key,
          async () => {
            const { accessToken, obtainedAt, expiresAt } = await (own = source.obtain(previous));
            return { accessToken, obtainedAt, expiresAt };
          },
          stored?.accessToken ?? previous?.accessToken ?? refused,
        );
        const set = await own;
        return set?.accessToken === got.accessToken ? set : adoptShared(got, redactor);
      } catch (error) {
        if (own) return own;
        warn(error);
        return source.obtain(previous);
      }
    },
    invalidate(token) {
      refused = token;
      keyOf()
        .then((k) => cache.invalidate(k, token))
        .catch(warn);
    },
  };
}
