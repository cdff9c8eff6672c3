import { describe, expect, it } from 'vitest';
import { signNotification } from '@crm-gateway/client';
import type { NotificationStore } from './notification-store.js';
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

/** A store whose methods answer asynchronously, like a database. */
function asyncStore(): NotificationStore & { handled: Set<string> } {
  const handled = new Set<string>();
  return {
    handled,
    has: async (id) => {
      await new Promise((r) => setTimeout(r, 1));
      return handled.has(id);
    },
    markHandled: async (id) => {
      await new Promise((r) => setTimeout(r, 1));
      handled.add(id);
    },
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
      has: () => false,
      markHandled: () => Promise.reject(new Error('store down')),
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
    ['no handler', { secret: SECRET }, /onNotification/],
  ])('refuses %s at creation', (_label, options, message) => {
    expect(() => createNotificationReceiver(options as never)).toThrow(message);
  });
});
