import type { SharedToken, TokenCache } from '@crm-gateway/client';
import {
  DELETE_IF_EQUAL,
  openConnection,
  randomId,
  type Connection,
  type RedisConnectionOptions,
} from './connection.js';
import { TokenCacheUnavailableError } from './errors.js';

/**
 * Options of {@link createRedisTokenCache}: `url` or `client` (see {@link RedisConnectionOptions}), the key prefix,
 * how long the refresh lock lives and how long the other instances wait for the winner's token.
 *
 * @example
 * ```ts
 * const options: RedisTokenCacheOptions = { url: process.env.REDIS_URL!, lockMs: 15_000, waitMs: 30_000 };
 * ```
 */
export type RedisTokenCacheOptions = RedisConnectionOptions & {
  /** Prefix of every key. Default `crm-gateway:token:`. */
  keyPrefix?: string;
  /**
   * Lifetime of the refresh lock in ms: if its winner dies, another instance takes over after this. Keep it above
   * the client's token request timeout (`timeoutMs`, default 10 000). Default 15 000.
   */
  lockMs?: number;
  /** How long an instance waits for the winner's token before failing the refresh, in ms. Default 30 000. */
  waitMs?: number;
};

/**
 * A {@link @crm-gateway/client!TokenCache | TokenCache} in Redis; `close()` closes the connection it opened from `url` (nothing for your `client`).
 *
 * @example
 * ```ts
 * const tokenCache: RedisTokenCache = await createRedisTokenCache({ url: 'redis://127.0.0.1:6379' });
 * process.on('SIGTERM', () => void tokenCache.close());
 * ```
 */
export interface RedisTokenCache extends TokenCache {
  /** Closes the connection the cache opened from `url` (your own `client` is left open). */
  close(): Promise<void>;
}

const DELETE_IF_TOKEN = `local v = redis.call('GET', KEYS[1])
if v then
  local ok, t = pcall(cjson.decode, v)
  if ok and type(t) == 'table' and t.accessToken == ARGV[1] then return redis.call('DEL', KEYS[1]) end
end
return 0`;

function parse(raw: unknown): SharedToken | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const { accessToken, obtainedAt, expiresAt } = JSON.parse(raw) as Record<string, unknown>;
    if (
      typeof accessToken === 'string' &&
      accessToken &&
      Number.isFinite(obtainedAt) &&
      Number.isFinite(expiresAt)
    ) {
      return { accessToken, obtainedAt: obtainedAt as number, expiresAt: expiresAt as number };
    }
  } catch {
    // A foreign or corrupt value counts as no token.
  }
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The cache's own options, checked, with their defaults. */
function cacheSettings(
  options: RedisTokenCacheOptions,
  what: string,
): { keyPrefix: string; lockMs: number; waitMs: number } {
  const keyPrefix = options?.keyPrefix ?? 'crm-gateway:token:';
  const lockMs = options?.lockMs ?? 15_000;
  const waitMs = options?.waitMs ?? 30_000;
  if (typeof keyPrefix !== 'string') throw new TypeError(`${what}(options): keyPrefix must be a string`);
  for (const [name, value] of [
    ['lockMs', lockMs],
    ['waitMs', waitMs],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new TypeError(`${what}(options): ${name} must be a positive integer (ms)`);
    }
  }
  return { keyPrefix, lockMs, waitMs };
}

/**
 * What the holder of the refresh lock does: use a token stored meanwhile, else obtain one and store it for its
 * remaining lifetime; then drop the lock (it expires by itself if that fails).
 */
async function obtainAsWinner(
  connection: Connection,
  keys: { tokenKey: string; lockKey: string; lockId: string },
  storedMeanwhile: () => Promise<SharedToken | undefined>,
  obtain: () => Promise<SharedToken>,
): Promise<SharedToken> {
  try {
    const stored = await storedMeanwhile();
    if (stored !== undefined) return stored;
    const obtained = await obtain();
    const token = {
      accessToken: obtained.accessToken,
      obtainedAt: obtained.obtainedAt,
      expiresAt: obtained.expiresAt,
    };
    const ttl = Math.floor(token.expiresAt - Date.now());
    if (ttl > 0) {
      // A failed store does not waste the token: this caller uses it; the others obtain after their wait.
      await connection
        .run('refresh', ['SET', keys.tokenKey, JSON.stringify(token), 'PX', String(ttl)])
        .catch(() => undefined);
    }
    return token;
  } finally {
    await connection
      .run('refresh', ['EVAL', DELETE_IF_EQUAL, '1', keys.lockKey, keys.lockId])
      .catch(() => undefined);
  }
}

/**
 * Creates a Redis-backed {@link @crm-gateway/client!TokenCache | TokenCache} for `createCrmGatewayClient({ tokenCache })`, so a fleet of portal
 * instances requests one Keycloak token at a time instead of one per instance. Per cache key (`keyPrefix + key`):
 * - the token is JSON `{ accessToken, obtainedAt, expiresAt }` (no refresh token), stored with `PX` = its
 *   remaining lifetime, so Redis forgets it when it expires;
 * - `refresh`: `SET key:lock <random> NX PX lockMs` elects one winner, which checks the stored token once more,
 *   calls `obtain` and stores its result; the others poll (10 ms doubling to 200 ms) for a stored token that is
 *   not `staleToken`, for at most `waitMs`. If the winner dies, its lock expires and a waiter takes over. The lock
 *   is released with a compare-and-delete script (only the winner's own lock);
 * - `invalidate`: a script deletes the token only while it is still the refused one.
 *
 * Errors thrown by `obtain` reach the caller unchanged; Redis failures (and a wait beyond `waitMs`) reject with
 * {@link TokenCacheUnavailableError}, upon which the client requests its token directly.
 *
 * @example
 * ```ts
 * import { createCrmGatewayClient } from '@crm-gateway/client';
 * import { createRedisTokenCache } from '@crm-gateway/redis';
 *
 * const client = createCrmGatewayClient({
 *   baseUrl: 'https://operator.example',
 *   tenantId: 'tenant1',
 *   auth: { keycloakUrl: 'https://operator.example/keycloak/auth', clientId: 'crm_client', username, password },
 *   tokenCache: await createRedisTokenCache({ url: process.env.REDIS_URL! }),
 * });
 * ```
 */
export async function createRedisTokenCache(options: RedisTokenCacheOptions): Promise<RedisTokenCache> {
  const what = 'createRedisTokenCache';
  const { keyPrefix, lockMs, waitMs } = cacheSettings(options, what);
  const connection = await openConnection(
    options,
    what,
    (operation, message, init) => new TokenCacheUnavailableError(operation, message, init),
  );
  const keyOf = (key: unknown): string => {
    if (typeof key !== 'string' || key.length === 0 || key.length > 512) {
      throw new TypeError('tokenCache: key must be a string of 1 to 512 characters');
    }
    return keyPrefix + key;
  };
  const read = async (operation: string, key: string): Promise<SharedToken | undefined> =>
    parse(await connection.run(operation, ['GET', key]));
  const usable = (token: SharedToken | undefined, stale: string | undefined): token is SharedToken =>
    token !== undefined && token.accessToken !== stale && token.expiresAt > Date.now();

  return {
    get: (key) => read('get', keyOf(key)),
    async refresh(key, obtain, staleToken) {
      const tokenKey = keyOf(key);
      const lockKey = `${tokenKey}:lock`;
      const deadline = Date.now() + waitMs;
      for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
        const lockId = randomId();
        if (
          (await connection.run('refresh', ['SET', lockKey, lockId, 'NX', 'PX', String(lockMs)])) === 'OK'
        ) {
          return await obtainAsWinner(
            connection,
            { tokenKey, lockKey, lockId },
            async () => {
              // The previous winner may have stored its token between our last look and our lock.
              const stored = await read('refresh', tokenKey);
              return usable(stored, staleToken) ? stored : undefined;
            },
            obtain,
          );
        }
        const stored = await read('refresh', tokenKey);
        if (usable(stored, staleToken)) return stored;
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new TokenCacheUnavailableError('refresh', `no token was stored within waitMs (${waitMs} ms)`);
        }
        await sleep(Math.min(pause, left));
      }
    },
    async invalidate(key, accessToken) {
      await connection.run('invalidate', ['EVAL', DELETE_IF_TOKEN, '1', keyOf(key), accessToken]);
    },
    close: () => connection.close(),
  };
}
