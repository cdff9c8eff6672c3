import { signNotification } from '@crm-gateway/client';
import { notificationReceiver as expressReceiver } from '@crm-gateway/express-plugin';
import { notificationReceiver as honoReceiver } from '@crm-gateway/hono-plugin';
import type { NotificationStore } from '@crm-gateway/portal';
import { createRedisNotificationStore, type RedisNotificationStore } from '@crm-gateway/redis';
import express from 'express';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notificationRawBody } from '../fixtures/plugin-fixtures.js';
import { listen as listenExpress } from '../plugins/express-server.js';
import { listen as listenHono } from '../plugins/hono-server.js';
import { startRedisServer, type TestRedisServer } from './redis-server.js';

const SECRET = 'fleet-receiver-secret';

/** Two portal instances (Express and Hono), each with its own Redis connection, sharing the events' claims. */
describe('notification receivers of two instances sharing a Redis store', () => {
  let redis: TestRedisServer;
  const stores: RedisNotificationStore[] = [];
  const servers: { url: string; close(): Promise<void> }[] = [];
  const runs = new Map<string, number>();
  let handler: () => Promise<void> = async () => undefined;

  const onNotification = async (n: { eventId: string }) => {
    await handler();
    runs.set(n.eventId, (runs.get(n.eventId) ?? 0) + 1);
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    for (let i = 0; i < 2; i += 1) stores.push(await createRedisNotificationStore({ url: redis.url }));
    const options = (store: NotificationStore) => ({ secret: SECRET, store, onNotification });
    const app = express();
    app.post('/opf/notifications', expressReceiver(options(stores[0]!)));
    servers.push(await listenExpress(app));
    const hono = new Hono();
    hono.post('/opf/notifications', honoReceiver(options(stores[1]!)));
    servers.push(await listenHono(hono));
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const store of stores) await store.close();
    await redis?.stop();
  });

  beforeEach(() => {
    runs.clear();
    handler = async () => undefined;
  });

  async function deliver(instance: number, eventId: string): Promise<Response> {
    const rawBody = notificationRawBody(eventId);
    return fetch(`${servers[instance]!.url}/opf/notifications`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-opf-signature': await signNotification({ secret: SECRET, rawBody }),
      },
      body: rawBody,
    });
  }

  it('runs the handler once for each of 100 events delivered to both instances at the same time', async () => {
    // A slow handler keeps the first claim live while the duplicate arrives at the other instance.
    handler = () => new Promise((resolve) => setTimeout(resolve, 20));
    const events = Array.from({ length: 100 }, (_, i) => `evt-dup-${i}`);
    const answers = await Promise.all(events.flatMap((id) => [deliver(0, id), deliver(1, id)]));
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(runs.size).toBe(100);
    const statuses = answers.map((a) => a.status);
    // One of each pair handled it (200); the other saw a live claim (409, OPF retries) or the done event (200).
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(100);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    // OPF's retry of a 409 finds the event handled: 200, the handler not run again.
    const again = await Promise.all(events.map((id) => deliver(1, id)));
    expect(again.every((a) => a.status === 200)).toBe(true);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });

  it('answers 503 with retry-after while Redis is away, marks nothing, and handles the redelivery once it is back', async () => {
    await redis.kill();
    const away = await deliver(0, 'evt-outage');
    expect(away.status).toBe(503);
    expect(away.headers.get('retry-after')).toBe('1');
    expect(await away.json()).toMatchObject({ code: 'NOTIFICATION_STORE_UNAVAILABLE' });
    expect(runs.has('evt-outage')).toBe(false);
    await redis.restart();
    // The stores reconnect by themselves; OPF's retries meet a working store.
    let answer: Response | undefined;
    for (let attempt = 0; attempt < 50; attempt += 1) {
      answer = await deliver(attempt % 2, 'evt-outage');
      if (answer.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answer?.status).toBe(200);
    expect(runs.get('evt-outage')).toBe(1);
    expect((await deliver(1, 'evt-outage')).status).toBe(200);
    expect(runs.get('evt-outage')).toBe(1);
  });

  it('lets the other instance handle an event whose handler failed on the first one', async () => {
    let failures = 1;
    handler = async () => {
      if (failures-- > 0) throw new Error('instance crashed');
    };
    expect((await deliver(0, 'evt-failed')).status).toBe(500);
    expect((await deliver(1, 'evt-failed')).status).toBe(200);
    expect(runs.get('evt-failed')).toBe(1);
  });
});
