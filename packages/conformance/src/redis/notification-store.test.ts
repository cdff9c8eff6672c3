import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createRedisNotificationStore,
  NotificationStoreUnavailableError,
  type RedisNotificationStore,
} from '@crm-gateway/redis';
import type { NotificationStore } from '@crm-gateway/portal';
import { freePort, startRedisServer, type TestRedisServer } from './redis-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let counter = 0;
const eventId = () => `evt-${process.pid}-${Date.now()}-${(counter += 1)}`;

describe('createRedisNotificationStore against a real redis-server', () => {
  let redis: TestRedisServer;
  const stores: RedisNotificationStore[] = [];
  const open = async (options: { handledTtlMs?: number } = {}) => {
    const store = await createRedisNotificationStore({ url: redis.url, ...options });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await redis?.stop();
  });

  test('100 simultaneous claims of one event from 2 store instances: exactly one is claimed', async () => {
    const [a, b] = [await open(), await open()];
    const id = eventId();
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).claim(id, 30_000)),
    );
    expect(outcomes.filter((o) => o === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'busy')).toHaveLength(99);
  });

  test('a crashed holder: its lease expires and a second claimer gets the event', async () => {
    const crashed = await createRedisNotificationStore({ url: redis.url });
    const survivor = await open();
    const id = eventId();
    await expect(crashed.claim(id, 300)).resolves.toBe('claimed');
    await crashed.close(); // the instance dies without release or complete
    await expect(survivor.claim(id, 30_000)).resolves.toBe('busy');
    await sleep(400);
    await expect(survivor.claim(id, 30_000)).resolves.toBe('claimed');
  });

  test('release drops only its own claim, never the claim another holder took after its lease expired', async () => {
    const [slow, other, third] = [await open(), await open(), await open()];
    const id = eventId();
    await expect(slow.claim(id, 200)).resolves.toBe('claimed');
    await sleep(300); // slow's lease expired while its handler still ran
    await expect(other.claim(id, 30_000)).resolves.toBe('claimed');
    await slow.release(id); // slow's handler failed: must not drop other's claim
    await expect(third.claim(id, 30_000)).resolves.toBe('busy');
    await other.release(id); // other's handler failed: its own claim goes, OPF's retry can claim
    await expect(third.claim(id, 30_000)).resolves.toBe('claimed');
    await third.release('never-claimed-' + id); // releasing what this store never claimed does nothing
  });

  test('handled survives the lease, is seen by every instance, and expires with handledTtlMs', async () => {
    const [a, b] = [await open({ handledTtlMs: 700 }), await open({ handledTtlMs: 700 })];
    const id = eventId();
    await expect(a.claim(id, 100)).resolves.toBe('claimed');
    await a.complete(id);
    await sleep(200); // past the lease
    await expect(b.claim(id, 30_000)).resolves.toBe('handled');
    await expect(a.claim(id, 30_000)).resolves.toBe('handled');
    await a.release(id); // a late release after complete does not forget the event
    await expect(b.claim(id, 30_000)).resolves.toBe('handled');
    await sleep(700);
    await expect(b.claim(id, 30_000)).resolves.toBe('claimed');
  });

  test('by default a handled event is remembered 7 days (OPF retry window), under crm-gateway:notification:', async () => {
    const store = await open();
    const id = eventId();
    await store.claim(id, 1_000);
    await store.complete(id);
    const client = await createClient({ url: redis.url }).connect();
    try {
      const ttl = await client.pTTL(`crm-gateway:notification:${id}`);
      expect(ttl).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
      expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600_000);
    } finally {
      await client.close();
    }
  });

  test('a store on your client does not close it', async () => {
    const client = await createClient({ url: redis.url }).connect();
    const store = await createRedisNotificationStore({ client, keyPrefix: 'mine:' });
    const id = eventId();
    await expect(store.claim(id, 1_000)).resolves.toBe('claimed');
    expect(await client.get(`mine:${id}`)).toMatch(/:/);
    await store.close();
    expect(client.isOpen).toBe(true);
    await client.close();
  });

  test('a bad URL or password never appears in the error', async () => {
    const port = await freePort(); // nothing listens there
    const secret = 'hunter2-s3cret';
    const refused = await createRedisNotificationStore({
      url: `redis://admin:${secret}@127.0.0.1:${port}`,
      commandTimeoutMs: 500,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(NotificationStoreUnavailableError);
    expect(refused).toMatchObject({ code: 'NOTIFICATION_STORE_UNAVAILABLE', operation: 'connect' });
    const wrongPassword = await createRedisNotificationStore({
      url: `redis://admin:${secret}@127.0.0.1:${redis.port}`,
    }).catch((error: unknown) => error);
    expect(wrongPassword).toBeInstanceOf(NotificationStoreUnavailableError);
    for (const error of [refused, wrongPassword] as Error[]) {
      const everything = `${error.message} ${error.stack} ${String(error.cause)} ${(error.cause as Error)?.stack}`;
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain('admin:');
    }
  });
});

describe('Redis goes away mid-run', () => {
  /** Claims that must never be reported handled, and how long each failing call took. */
  const timed = async (call: Promise<unknown>) => {
    const started = performance.now();
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, ms: performance.now() - started };
  };

  test('killed: calls reject at once with the store error; after a restart on the same port it works again', async () => {
    const redis = await startRedisServer();
    const store = await createRedisNotificationStore({ url: redis.url, commandTimeoutMs: 1_000 });
    const spare = await createRedisNotificationStore({ url: redis.url });
    const caller = await createClient({ url: redis.url })
      .on('error', () => {})
      .connect(); // offline queue on
    const onClient = await createRedisNotificationStore({ client: caller, commandTimeoutMs: 1_000 });
    try {
      const running = eventId();
      await expect(store.claim(running, 30_000)).resolves.toBe('claimed');
      await redis.kill();
      for (const call of [
        store.complete(running),
        store.claim(eventId(), 30_000),
        store.release(running),
        onClient.claim(eventId(), 30_000),
      ]) {
        const { error, ms } = await timed(call);
        expect(error).toBeInstanceOf(NotificationStoreUnavailableError);
        expect((error as NotificationStoreUnavailableError).code).toBe('NOTIFICATION_STORE_UNAVAILABLE');
        expect(ms).toBeLessThan(1_500); // never hangs: no offline queue, or the command timeout
      }
      const closing = await createRedisNotificationStore({ url: redis.url }).catch(() => undefined);
      expect(closing).toBeUndefined(); // cannot connect while Redis is away
      const { ms: closeMs } = await timed(spare.close());
      expect(closeMs).toBeLessThan(1_500); // closing while Redis is away does not wait for it
      await redis.restart();
      const fresh = eventId();
      let outcome: unknown;
      for (let i = 0; i < 100 && outcome === undefined; i += 1) {
        outcome = await store.claim(fresh, 30_000).catch(() => sleep(100).then(() => undefined));
      }
      expect(outcome).toBe('claimed');
      // The event whose completion failed is not marked handled.
      await expect(store.claim(running, 30_000)).resolves.toBe('claimed');
    } finally {
      await store.close();
      await spare.close();
      await onClient.close();
      caller.destroy(); // close() would wait for a reconnection that may never come
      await redis.stop();
    }
  });

  test('frozen (connections open, no answer): calls reject within commandTimeoutMs; a failed handler is not handled', async () => {
    const redis = await startRedisServer();
    const store = await createRedisNotificationStore({ url: redis.url, commandTimeoutMs: 300 });
    const other = await createRedisNotificationStore({ url: redis.url });
    try {
      const done = eventId();
      const failed = eventId();
      await store.claim(done, 30_000);
      await store.complete(done);
      await expect(store.claim(failed, 300)).resolves.toBe('claimed');
      redis.freeze();
      const { error, ms } = await timed(store.release(failed)); // its handler failed during the outage
      expect(error).toBeInstanceOf(NotificationStoreUnavailableError);
      expect((error as Error).message).toMatch(/within 300 ms/);
      expect(ms).toBeLessThan(1_000);
      await expect(store.claim(eventId(), 30_000)).rejects.toBeInstanceOf(NotificationStoreUnavailableError);
      redis.thaw();
      await sleep(400); // the failed event's lease expires
      await expect(other.claim(failed, 30_000)).resolves.toBe('claimed');
      await expect(other.claim(done, 30_000)).resolves.toBe('handled');
      await expect(store.claim(eventId(), 30_000)).resolves.toBe('claimed');
    } finally {
      redis.thaw();
      await store.close();
      await other.close();
      await redis.stop();
    }
  });

  test('a NotificationStore type check: the Redis store satisfies the contract structurally', () => {
    const check = (store: RedisNotificationStore): NotificationStore => store;
    expect(typeof check).toBe('function');
  });
});
