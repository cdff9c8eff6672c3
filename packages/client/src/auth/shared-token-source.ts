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
    logger?.warn?.('crm-gateway shared token cache failed (token requested directly)', {
      error: (error as Error)?.name,
    });
  const keyOf = (): Promise<string> => (key ??= cacheKey(identity));
  return {
    async obtain(previous) {
      let own: TokenSet | undefined;
      let ownFailed = false;
      try {
        const stored = await cache.get(await keyOf());
        if (
          stored &&
          stored.accessToken !== previous?.accessToken &&
          stored.accessToken !== refused &&
          isUsable(stored, now())
        ) {
          return adoptShared(stored, redactor);
        }
        const got = await cache.refresh(
          await keyOf(),
          async () => {
            try {
              own = await source.obtain(previous);
            } catch (error) {
              ownFailed = true;
              throw error;
            }
            return { accessToken: own.accessToken, obtainedAt: own.obtainedAt, expiresAt: own.expiresAt };
          },
          stored?.accessToken ?? previous?.accessToken ?? refused,
        );
        return own?.accessToken === got.accessToken ? own : adoptShared(got, redactor);
      } catch (error) {
        if (ownFailed) throw error;
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
