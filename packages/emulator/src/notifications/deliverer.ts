import { randomUUID } from 'node:crypto';
import type { Delivery, EntitlementChangeNotification } from './notification-types.js';
import { CORRELATION_ID_HEADER, SIGNATURE_HEADER, TENANT_ID_HEADER } from '../gateway/spec-constants.js';
import { signNotification } from './sign.js';

/** How the deliverer retries: `initialDelayMs` doubling up to `maxDelayMs`, `maxAttempts` in all. */
export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

/**
 * Default retry policy: 200 ms doubling to 5 s, 20 attempts.
 *
 * @example
 * const retry = { ...DEFAULT_RETRY, maxAttempts: 5 };
 */
export const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 200, maxDelayMs: 5000, maxAttempts: 20 };

interface QueuedDelivery extends Delivery {
  correlationId: string;
}

/**
 * Delivers entitlement change notifications to the portal's URL: signed, retried with exponential backoff
 * until the portal answers 200 (or `maxAttempts` is reached: status `failed`), in order per entitlement (the
 * next event of an entitlement waits until the previous one is delivered or given up). Events raised while no
 * URL is set stay `pending` and go out once a URL is set.
 *
 * @example
 * const deliverer = new NotificationDeliverer({ secret: 's', retry: DEFAULT_RETRY, url: 'http://127.0.0.1:3000/hook' });
 * deliverer.enqueue(notification, correlationId);
 */
export class NotificationDeliverer {
  private readonly deliveries: QueuedDelivery[] = [];
  private readonly queues = new Map<string, QueuedDelivery[]>();
  private readonly busy = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private readonly running = new Set<Promise<void>>();
  private url: string | undefined;
  private closed = false;
  private generation = 0;

  constructor(
    private readonly options: { secret: string; retry: RetryPolicy; url?: string; duplicates?: number },
  ) {
    this.url = options.url;
  }

  /** Sets (or unsets) the portal's URL; pending notifications go out once one is set. */
  setUrl(url: string | undefined): void {
    this.url = url;
    if (url) for (const key of this.queues.keys()) this.pump(key);
  }

  /** The portal's URL, if set. */
  getUrl(): string | undefined {
    return this.url;
  }

  /** Queues a notification (delivered in order with the others of the same entitlement). */
  enqueue(body: EntitlementChangeNotification, correlationId: string = randomUUID()): void {
    if (this.closed) return;
    const delivery: QueuedDelivery = {
      eventId: body.eventId,
      entitlementId: body.entitlementId,
      sequence: body.sequence,
      status: 'pending',
      attempts: 0,
      body,
      correlationId,
    };
    this.deliveries.push(delivery);
    const key = `${body.tenantId}\u0000${body.entitlementId}`;
    const queue = this.queues.get(key) ?? [];
    queue.push(delivery);
    this.queues.set(key, queue);
    this.pump(key);
  }

  /** Every notification and its delivery progress, oldest first. */
  list(): Delivery[] {
    return this.deliveries.map(({ correlationId: _c, ...delivery }) => ({
      ...delivery,
      body: { ...delivery.body },
    }));
  }

  /** Forgets every delivery and cancels what is in progress. */
  clear(): void {
    this.generation += 1;
    this.cancelAll();
    this.deliveries.length = 0;
    this.queues.clear();
    this.busy.clear();
  }

  /** Stops: clears timers, aborts in-flight requests and waits for them to settle. */
  async close(): Promise<void> {
    this.closed = true;
    this.generation += 1;
    this.cancelAll();
    await Promise.allSettled([...this.running]);
  }

  private cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
  }

  private pump(key: string): void {
    if (this.closed || this.busy.has(key) || !this.url) return;
    const queue = this.queues.get(key);
    const next = queue?.[0];
    if (!next) {
      this.queues.delete(key);
      return;
    }
    this.busy.add(key);
    void this.attempt(key, next, this.generation);
  }

  private async attempt(key: string, delivery: QueuedDelivery, generation: number): Promise<void> {
    const url = this.url;
    if (!url || this.closed || generation !== this.generation) {
      this.busy.delete(key);
      return;
    }
    delivery.attempts += 1;
    if (Math.random() < (this.options.duplicates ?? 0)) this.sendCopy(url, delivery);
    const work = this.post(url, delivery);
    const tracked = work.then(() => undefined);
    this.running.add(tracked);
    const delivered = await work;
    this.running.delete(tracked);
    if (this.closed || generation !== this.generation) return;
    if (delivered || delivery.attempts >= this.options.retry.maxAttempts) {
      delivery.status = delivered ? 'delivered' : 'failed';
      this.queues.get(key)?.shift();
      this.busy.delete(key);
      this.pump(key);
      return;
    }
    this.retryLater(key, delivery, generation);
  }

  /** An at-least-once sender's duplicate: the same delivery once more, at the same time; its answer is ignored. */
  private sendCopy(url: string, delivery: QueuedDelivery): void {
    delivery.copies = (delivery.copies ?? 0) + 1;
    const copy = this.post(url, delivery, false).then(() => undefined);
    this.running.add(copy);
    void copy.then(() => this.running.delete(copy));
  }

  /**
   * One signed POST of a notification (aborted after 10 s); true when the portal answered 200. `record`: whether
   * the answer is this delivery's `lastStatus` / `lastError` (not for a duplicate copy).
   */
  private async post(url: string, delivery: QueuedDelivery, record = true): Promise<boolean> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), 10_000);
    timeout.unref();
    const rawBody = JSON.stringify(delivery.body);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CORRELATION_ID_HEADER]: delivery.correlationId,
          [TENANT_ID_HEADER]: delivery.body.tenantId,
          [SIGNATURE_HEADER]: signNotification(this.options.secret, rawBody),
        },
        body: rawBody,
        signal: controller.signal,
      });
      if (record) {
        delivery.lastStatus = response.status;
        delete delivery.lastError;
      }
      await response.body?.cancel().catch(() => undefined);
      return response.status === 200;
    } catch (error) {
      if (record) {
        delivery.lastError =
          (error as Error).name === 'AbortError' ? 'aborted' : String((error as Error).message);
      }
      return false;
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
  }

  /** Schedules the next attempt: `initialDelayMs` doubling per attempt, at most `maxDelayMs`. */
  private retryLater(key: string, delivery: QueuedDelivery, generation: number): void {
    const { initialDelayMs, maxDelayMs } = this.options.retry;
    const delay = Math.min(initialDelayMs * 2 ** (delivery.attempts - 1), maxDelayMs);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(key, delivery, generation);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}
