import { DELETE_IF_EQUAL, openConnection, randomId, type RedisConnectionOptions } from './connection.js';
import type { NotificationClaim, NotificationStore } from '@crm-gateway/portal';
import { NotificationStoreUnavailableError } from './errors.js';

/**
 * Options of {@link createRedisNotificationStore}: `url` or `client` (see {@link RedisConnectionOptions}), plus the
 * key prefix and how long a handled event is remembered.
 *
 * @example
 * ```ts
 * const options: RedisNotificationStoreOptions = { url: process.env.REDIS_URL!, keyPrefix: 'portal-a:event:' };
 * ```
 */
export type RedisNotificationStoreOptions = RedisConnectionOptions & {
  /** Prefix of every key. Default `crm-gateway:notification:`. */
  keyPrefix?: string;
  /** How long a handled event is remembered, in ms. Default 7 days: OPF's retry window for a notification. */
  handledTtlMs?: number;
};

/**
 * A {@link @crm-gateway/portal!NotificationStore | NotificationStore} in Redis. `close()` closes the connection the store opened from `url`; it does
 * nothing for a store built on your `client`.
 *
 * @example
 * ```ts
 * const store: RedisNotificationStore = await createRedisNotificationStore({ url: 'redis://127.0.0.1:6379' });
 * process.on('SIGTERM', () => void store.close());
 * ```
 */
export interface RedisNotificationStore extends NotificationStore {
  claim(eventId: string, leaseMs: number): Promise<NotificationClaim>;
  complete(eventId: string): Promise<void>;
  release(eventId: string): Promise<void>;
  /** Closes the connection the store opened from `url` (bounded; never waits for an absent Redis). */
  close(): Promise<void>;
}

const HANDLED = 'handled';

/** The store's own options, checked, with their defaults. */
function storeSettings(
  options: RedisNotificationStoreOptions,
  what: string,
): { keyPrefix: string; handledTtlMs: number } {
  const keyPrefix = options?.keyPrefix ?? 'crm-gateway:notification:';
  const handledTtlMs = options?.handledTtlMs ?? 7 * 24 * 60 * 60 * 1000;
  if (typeof keyPrefix !== 'string') throw new TypeError(`${what}(options): keyPrefix must be a string`);
  if (!Number.isInteger(handledTtlMs) || handledTtlMs < 1) {
    throw new TypeError(`${what}(options): handledTtlMs must be a positive integer (ms)`);
  }
  return { keyPrefix, handledTtlMs };
}

/**
 * Creates a Redis-backed {@link @crm-gateway/portal!NotificationStore | NotificationStore}, so several portal instances receiving OPF's notifications
 * handle each event once. One key per event (`keyPrefix + eventId`):
 * - `claim`: `SET key <claim id> NX PX leaseMs` (atomic: one winner); on a lost race a `GET` tells a handled event
 *   (`'handled'`) from a live lease (`'busy'`). A crashed holder's lease simply expires.
 * - `complete`: `SET key handled PX handledTtlMs` (one atomic command).
 * - `release`: deletes the key only if it still holds this store's claim id (a compare-and-delete script; see
 *   `DELETE_IF_EQUAL` for why not WATCH), so an expired lease taken over by another instance is never dropped.
 *
 * Every Redis failure rejects with {@link NotificationStoreUnavailableError} within `commandTimeoutMs` (no offline
 * queueing); answer OPF with 503 then, and it retries.
 *
 * @example
 * ```ts
 * import { createRedisNotificationStore } from '@crm-gateway/redis';
 *
 * const store = await createRedisNotificationStore({ url: process.env.REDIS_URL! });
 * const outcome = await store.claim('evt-123', 30_000); // 'claimed' | 'handled' | 'busy'
 * ```
 */
export async function createRedisNotificationStore(
  options: RedisNotificationStoreOptions,
): Promise<RedisNotificationStore> {
  const what = 'createRedisNotificationStore';
  const { keyPrefix, handledTtlMs } = storeSettings(options, what);
  const connection = await openConnection(
    options,
    what,
    (operation, message, init) => new NotificationStoreUnavailableError(operation, message, init),
  );
  const owner = randomId();
  let sequence = 0;
  /** The claim id of each event this store holds (a claim id per claim, so a release never drops a later one). */
  const held = new Map<string, string>();
  const keyOf = (eventId: unknown, method: string): string => {
    if (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > 512) {
      throw new TypeError(`store.${method}(eventId): eventId must be a string of 1 to 512 characters`);
    }
    return keyPrefix + eventId;
  };

  return {
    async claim(eventId, leaseMs) {
      const key = keyOf(eventId, 'claim');
      if (!Number.isInteger(leaseMs) || leaseMs < 1) {
        throw new TypeError('store.claim(eventId, leaseMs): leaseMs must be a positive integer (ms)');
      }
      // A lease may expire between the failed SET and the GET: then try again (a few times at most).
      for (let attempt = 0; attempt < 3; attempt += 1) {
        sequence += 1;
        const claimId = `${owner}:${sequence}`;
        const set = await connection.run('claim', ['SET', key, claimId, 'NX', 'PX', String(leaseMs)]);
        if (set === 'OK') {
          held.set(eventId, claimId);
          return 'claimed';
        }
        const value = await connection.run('claim', ['GET', key]);
        if (value === HANDLED) return 'handled';
        if (value !== null) return 'busy';
      }
      return 'busy';
    },
    async complete(eventId) {
      const key = keyOf(eventId, 'complete');
      await connection.run('complete', ['SET', key, HANDLED, 'PX', String(handledTtlMs)]);
      held.delete(eventId);
    },
    async release(eventId) {
      const key = keyOf(eventId, 'release');
      const claimId = held.get(eventId);
      if (claimId === undefined) return; // nothing of ours to drop
      await connection.run('release', ['EVAL', DELETE_IF_EQUAL, '1', key, claimId]);
      held.delete(eventId);
    },
    close: () => connection.close(),
  };
}
