/**
 * Remembers which notification events were handled, so a redelivered event is not handled twice. Methods may
 * be async (e.g. a database or KV store). Use a shared store when several portal instances receive
 * notifications.
 *
 * @example
 * const store: NotificationStore = {
 *   has: async (eventId) => (await kv.get(`opf:${eventId}`)) !== null,
 *   markHandled: async (eventId) => kv.put(`opf:${eventId}`, '1', { expirationTtl: 7 * 86400 }),
 * };
 */
export interface NotificationStore {
  has(eventId: string): boolean | Promise<boolean>;
  markHandled(eventId: string): void | Promise<void>;
}

/**
 * An in-memory {@link NotificationStore} that forgets the oldest events beyond `maxEntries` (default 10,000).
 * Fine for one process; it is empty again after a restart.
 *
 * @example
 * const store = createMemoryNotificationStore({ maxEntries: 1000 });
 */
export function createMemoryNotificationStore(options: { maxEntries?: number } = {}): NotificationStore {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TypeError('createMemoryNotificationStore(options): maxEntries must be a positive integer.');
  }
  const handled = new Set<string>();
  return {
    has: (eventId) => handled.has(eventId),
    markHandled: (eventId) => {
      handled.delete(eventId);
      handled.add(eventId);
      while (handled.size > maxEntries) {
        const oldest = handled.values().next();
        if (oldest.done === true) break;
        handled.delete(oldest.value);
      }
    },
  };
}
