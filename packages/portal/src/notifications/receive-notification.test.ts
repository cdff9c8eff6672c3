import { describe, expect, it } from 'vitest';
import { signNotification } from '@crm-gateway/client';
import { createMemoryNotificationStore, type NotificationStore } from './notification-store.js';
import {
  createNotificationReceiver,
  receiveNotification,
  type NotificationContext,
} from './receive-notification.js';

const SECRET = 'unit-secret';

function notification(eventId = 'evt-1'): string {
  return JSON.stringify({
    eventId,
    tenantId: 'tenant1',
    entitlementId: 'e-1',
    accountId: 'account-alice',
    productId: 'Netflix_EU_B_BUNDLE_BASIC',
    productType: 'THIRDPARTY',
    status: 'ACTIVE',
    occurredAt: '2026-11-26T23:00:00Z',
  });
}

async function delivery(rawBody: string, extra: Record<string, string> = {}) {
  const signature = await signNotification({ secret: SECRET, rawBody });
  return { rawBody, headers: new Headers({ 'x-opf-signature': signature, ...extra }) };
}

/** The memory store, answering asynchronously like a database; `handled` lists completed events. */
function asyncStore(): NotificationStore & { handled: Set<string> } {
  const handled = new Set<string>();
  const memory = createMemoryNotificationStore();
  const later = <T>(value: () => T): Promise<T> =>
    new Promise((resolve) => setTimeout(() => resolve(value()), 1));
  return {
    handled,
    // The claim itself is taken at once (atomic), its answer arrives later.
    claim: (id, leaseMs) => {
      const claim = memory.claim(id, leaseMs);
      return later(() => claim);
    },
    complete: (id) =>
      later(() => {
        memory.complete(id);
        handled.add(id);
      }),
    release: (id) => later(() => memory.release(id)),
  };
}

describe('receiveNotification', () => {
  it('hands the notification and its context to the handler, then answers 200', async () => {
    const seen: NotificationContext[] = [];
    const store = asyncStore();
    const answer = await receiveNotification({
      ...(await delivery(notification(), { 'x-correlation-id': 'opf-corr-1', 'nv-tenant-id': 'tenant1' })),
      secret: SECRET,
      store,
      onNotification: (_n, context) => void seen.push(context),
    });
    expect(answer).toEqual({ status: 200, body: { received: true, correlationId: 'opf-corr-1' } });
    expect(seen).toEqual([{ eventId: 'evt-1', correlationId: 'opf-corr-1', tenantId: 'tenant1' }]);
    expect(store.handled.has('evt-1')).toBe(true);
  });

  it('answers 500 and does not mark the event when the handler fails; a later delivery runs it again', async () => {
    const store = asyncStore();
    const errors: unknown[] = [];
    let calls = 0;
    const options = {
      secret: SECRET,
      store,
      onError: (error: unknown) => void errors.push(error),
      onNotification: () => {
        calls += 1;
        if (calls === 1) throw new Error('db down: password=hunter2');
      },
    };
    const failed = await receiveNotification({ ...(await delivery(notification())), ...options });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ code: 'NOTIFICATION_HANDLER_FAILED' });
    expect(JSON.stringify(failed.body)).not.toContain('hunter2');
    expect(errors).toHaveLength(1);
    expect(store.handled.size).toBe(0);
    const retried = await receiveNotification({ ...(await delivery(notification())), ...options });
    expect(retried.status).toBe(200);
    expect(calls).toBe(2);
  });

  it('answers 200 (and reports) when the handler succeeded but the store failed to remember it', async () => {
    const errors: unknown[] = [];
    const store: NotificationStore = {
      claim: () => 'claimed',
      complete: () => Promise.reject(new Error('store down')),
      release: () => undefined,
    };
    const answer = await receiveNotification({
      ...(await delivery(notification())),
      secret: SECRET,
      store,
      onNotification: () => undefined,
      onError: (error) => void errors.push(error),
    });
    expect(answer.status).toBe(200);
    expect(errors).toHaveLength(1);
  });

  it('runs the handler once for concurrent deliveries of one event, and in parallel for different events', async () => {
    const store = asyncStore();
    const running: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const options = {
      secret: SECRET,
      store,
      onNotification: async (n: { eventId: string }) => {
        running.push(n.eventId);
        await gate;
      },
    };
    const first = receiveNotification({ ...(await delivery(notification('evt-a'))), ...options });
    const other = receiveNotification({ ...(await delivery(notification('evt-b'))), ...options });
    const second = await receiveNotification({ ...(await delivery(notification('evt-a'))), ...options });
    expect(second.status).toBe(409);
    expect(second.headers).toEqual({ 'retry-after': '1' });
    release();
    expect((await first).status).toBe(200);
    expect((await other).status).toBe(200);
    expect(running.sort()).toEqual(['evt-a', 'evt-b']);
  });

  it('answers 503 with retry-after, without running the handler, when the store cannot be reached', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const store: NotificationStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED redis://:secret@10.0.0.1')),
      complete: () => undefined,
      release: () => undefined,
    };
    const answer = await receiveNotification({
      ...(await delivery(notification())),
      secret: SECRET,
      store,
      onNotification: () => void (calls += 1),
      onError: (error) => void errors.push(error),
    });
    expect(answer).toMatchObject({
      status: 503,
      body: { code: 'NOTIFICATION_STORE_UNAVAILABLE' },
      headers: { 'retry-after': '1' },
    });
    expect(JSON.stringify(answer.body)).not.toContain('secret@');
    expect(calls).toBe(0);
    expect(errors).toHaveLength(1);
  });

  it('releases the claim of a failed handler, so a retry delivered to another instance runs it', async () => {
    const shared = createMemoryNotificationStore();
    const released: string[] = [];
    const store: NotificationStore = {
      claim: (id, leaseMs) => shared.claim(id, leaseMs),
      complete: (id) => shared.complete(id),
      release: (id) => {
        released.push(id);
        shared.release(id);
      },
    };
    let calls = 0;
    const options = {
      secret: SECRET,
      store,
      leaseMs: 60_000,
      onNotification: () => {
        calls += 1;
        if (calls === 1) throw new Error('handler failed');
      },
    };
    expect((await receiveNotification({ ...(await delivery(notification())), ...options })).status).toBe(500);
    expect(released).toEqual(['evt-1']);
    expect((await receiveNotification({ ...(await delivery(notification())), ...options })).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('accepts a delivery signed with any secret of a rotation list, and no other', async () => {
    const rawBody = notification();
    const handledIds: string[] = [];
    const receive = createNotificationReceiver({
      secret: ['new-secret', SECRET],
      onNotification: (n) => void handledIds.push(n.eventId),
    });
    expect((await receive(await delivery(rawBody))).status).toBe(200);
    const signedNew = await signNotification({ secret: 'new-secret', rawBody: notification('evt-2') });
    const answer = await receive({
      rawBody: notification('evt-2'),
      headers: new Headers({ 'x-opf-signature': signedNew }),
    });
    expect(answer.status).toBe(200);
    const signedOther = await signNotification({ secret: 'retired', rawBody: notification('evt-3') });
    const refused = await receive({
      rawBody: notification('evt-3'),
      headers: new Headers({ 'x-opf-signature': signedOther }),
    });
    expect(refused.status).toBe(401);
    expect(handledIds).toEqual(['evt-1', 'evt-2']);
  });

  it('answers 400 naming the field for a signed body that is not a notification', async () => {
    const answer = await receiveNotification({
      ...(await delivery(JSON.stringify({ eventId: 'evt-1' }))),
      secret: SECRET,
      store: asyncStore(),
      onNotification: () => undefined,
    });
    expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_NOTIFICATION', field: 'tenantId' } });
  });

  it('answers 401 before looking at the body when the signature is wrong', async () => {
    const signature = await signNotification({ secret: 'other', rawBody: notification() });
    const answer = await receiveNotification({
      rawBody: notification(),
      headers: new Headers({ 'x-opf-signature': signature }),
      secret: SECRET,
      store: asyncStore(),
      onNotification: () => undefined,
    });
    expect(answer).toMatchObject({ status: 401, body: { code: 'INVALID_SIGNATURE' } });
  });
});

describe('createNotificationReceiver', () => {
  it('keeps one store per receiver', async () => {
    let calls = 0;
    const options = { secret: SECRET, onNotification: () => void (calls += 1) };
    const one = createNotificationReceiver(options);
    const two = createNotificationReceiver(options);
    expect((await one(await delivery(notification()))).status).toBe(200);
    expect((await one(await delivery(notification()))).body).toMatchObject({ duplicate: true });
    expect((await two(await delivery(notification()))).body).not.toHaveProperty('duplicate');
    expect(calls).toBe(2);
  });

  it.each<[string, unknown, RegExp]>([
    ['no options', undefined, /options/],
    ['an empty secret', { secret: '', onNotification: () => undefined }, /secret/],
    ['an empty list of secrets', { secret: [], onNotification: () => undefined }, /secret/],
    ['a list with an empty secret', { secret: ['a', ''], onNotification: () => undefined }, /secret/],
    [
      'a lease that is not a positive integer',
      { secret: SECRET, onNotification: () => undefined, leaseMs: 0 },
      /leaseMs/,
    ],
    ['no handler', { secret: SECRET }, /onNotification/],
  ])('refuses %s at creation', (_label, options, message) => {
    expect(() => createNotificationReceiver(options as never)).toThrow(message);
  });
});
