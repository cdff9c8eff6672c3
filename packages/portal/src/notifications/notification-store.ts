/**
 * What {@link NotificationStore.claim} found: `claimed` (the caller runs the handler, then completes or
 * releases), `handled` (done before: skip), `busy` (another delivery holds a live lease: try again later).
 *
 * @example
 * const claim: NotificationClaim = await store.claim('evt-1', 60_000);
 */
export type NotificationClaim = 'claimed' | 'handled' | 'busy';

/**
 * Remembers which OPF notification events were handled, so a redelivered event runs the handler once, also
 * across portal instances. A claim is atomic and leased: a handler that crashes without releasing its claim
 * lets OPF's next retry claim the event once `leaseMs` has passed. Methods may be async.
 *
 * `createMemoryNotificationStore()` is for one instance; a fleet shares `createRedisNotificationStore()` from
 * `@crm-gateway/redis`, or any store that keeps this contract.
 *
 * @example
 * const claim = await store.claim(eventId, 60_000);
 * if (claim === 'claimed') {
 *   try { await handle(event); await store.complete(eventId); } catch (e) { await store.release(eventId); throw e; }
 * }
 */
export interface NotificationStore {
  /** Atomically claims `eventId` for `leaseMs` milliseconds. */
  claim(eventId: string, leaseMs: number): NotificationClaim | Promise<NotificationClaim>;
  /** The handler succeeded: remember the event as handled. */
  complete(eventId: string): void | Promise<void>;
  /** The handler failed: drop this store's own claim, so the next delivery can claim the event. */
  release(eventId: string): void | Promise<void>;
}

/** A week: how long an event is remembered as handled by default (OPF's retry window is not documented). */
export const DEFAULT_HANDLED_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Options of {@link createMemoryNotificationStore}.
 *
 * @example
 * const options: MemoryNotificationStoreOptions = { retentionMs: 24 * 60 * 60 * 1000 };
 */
export interface MemoryNotificationStoreOptions {
  /** How long a handled event is remembered, in ms (default a week: longer than OPF retries a delivery). */
  retentionMs?: number;
  /** The clock (ms since the epoch); for tests. */
  now?: () => number;
}

/**
 * The in-memory store: a {@link NotificationStore} whose methods answer at once.
 *
 * @example
 * const store: MemoryNotificationStore = createMemoryNotificationStore();
 * store.claim('evt-1', 60_000); // 'claimed'
 */
export interface MemoryNotificationStore extends NotificationStore {
  claim(eventId: string, leaseMs: number): NotificationClaim;
  complete(eventId: string): void;
  release(eventId: string): void;
}

/**
 * An in-memory {@link NotificationStore} for **one** portal instance: handled events are remembered for
 * `retentionMs` (bounded by age, not by count, so a late redelivery within the window is still recognised),
 * claims are leased. It is empty again after a restart; several instances need a shared store.
 *
 * @example
 * const store = createMemoryNotificationStore({ retentionMs: 3 * 24 * 60 * 60 * 1000 });
 */
export function createMemoryNotificationStore(
  options: MemoryNotificationStoreOptions = {},
): MemoryNotificationStore {
  const retentionMs = options.retentionMs ?? DEFAULT_HANDLED_RETENTION_MS;
  if (!Number.isFinite(retentionMs) || retentionMs <= 0) {
    throw new TypeError('createMemoryNotificationStore(options): retentionMs must be a positive number.');
  }
  const now = options.now ?? Date.now;
  /** Event id → until when it holds: a handled mark or a live claim (insertion order = expiry order per kind). */
  const handled = new Map<string, number>();
  const claims = new Map<string, number>();

  const forgetExpired = (entries: Map<string, number>, time: number): void => {
    for (const [eventId, until] of entries) {
      if (until > time) break;
      entries.delete(eventId);
    }
  };

  return {
    claim(eventId, leaseMs) {
      const time = now();
      forgetExpired(handled, time);
      if (handled.has(eventId)) return 'handled';
      const lease = claims.get(eventId);
      if (lease !== undefined && lease > time) return 'busy';
      // Re-inserted at the end, so the map stays ordered by expiry when leases are equal.
      claims.delete(eventId);
      claims.set(eventId, time + leaseMs);
      return 'claimed';
    },
    complete(eventId) {
      claims.delete(eventId);
      handled.delete(eventId);
      handled.set(eventId, now() + retentionMs);
    },
    release(eventId) {
      claims.delete(eventId);
    },
  };
}
