/** What the browser receives when OPF notifies the portal about one of the user's entitlements. */
export interface LiveUpdate {
  entitlementId: string;
  productId: string;
  status: string;
  previousStatus?: string;
  eventId: string;
  correlationId: string;
}

type Listener = (update: LiveUpdate) => void;

/**
 * Fans OPF's entitlement notifications out to the browser tabs of the account they concern
 * (server-sent events). Each tab subscribes with its account id and unsubscribes when it goes away.
 *
 * @example
 * const hub = new LiveUpdates();
 * const stop = hub.subscribe('account-alice', (update) => send(update));
 * hub.publish('account-alice', update);
 * stop();
 */
export class LiveUpdates {
  readonly #listeners = new Map<string, Set<Listener>>();

  subscribe(accountId: string, listener: Listener): () => void {
    const set = this.#listeners.get(accountId) ?? new Set<Listener>();
    set.add(listener);
    this.#listeners.set(accountId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(accountId);
    };
  }

  publish(accountId: string, update: LiveUpdate): void {
    for (const listener of this.#listeners.get(accountId) ?? []) listener(update);
  }
}

/**
 * Formats one server-sent event.
 *
 * @example
 * stream.write(sseEvent('entitlement', update));
 */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
