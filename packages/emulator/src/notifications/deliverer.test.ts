import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import type { EntitlementChangeNotification, Emulator } from '../types.js';
import { gatewayHeaders, passwordToken, purchase } from '../../test/http.js';
import { startReceiver, waitFor, type ReceivedRequest } from '../../test/receiver.js';
import { expectSpecNotification } from '../../test/spec-responses.js';
import { signNotification } from './sign.js';

const SECRET = 'test-shared-secret';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function verifySignature(request: ReceivedRequest, secret: string): boolean {
  const header = String(request.headers['x-opf-signature'] ?? '');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${request.rawBody}`).digest();
  const given = Buffer.from(match[2] as string, 'hex');
  return Math.abs(Number(match[1]) - Date.now() / 1000) < 300 && timingSafeEqual(expected, given);
}

async function setup(
  respond?: (request: { rawBody: string; index: number }) => number,
  maxAttempts?: number,
) {
  const receiver = await startReceiver(respond);
  const emulator: Emulator = await startEmulator({
    notificationSecret: SECRET,
    notificationRetry: { initialDelayMs: 10, maxDelayMs: 40, ...(maxAttempts ? { maxAttempts } : {}) },
  });
  cleanups.push(
    () => receiver.close(),
    () => emulator.close(),
  );
  emulator.setNotificationUrl(receiver.url);
  return { receiver, emulator, token: await passwordToken(emulator) };
}

describe('notification delivery', () => {
  it('signs (x-opf-signature verifiable with node:crypto), retries on 500 until 200, keeps order, delivers each event once', async () => {
    // The receiver fails every first attempt of each event, then succeeds.
    const seen = new Set<string>();
    const { receiver, emulator, token } = await setup(({ rawBody }) => {
      const { eventId } = JSON.parse(rawBody) as { eventId: string };
      if (seen.has(eventId)) return 200;
      seen.add(eventId);
      return 500;
    });
    const headers = gatewayHeaders(token, { 'x-correlation-id': 'corr-purchase' });
    const response = await fetch(`${emulator.url}/crm-gateway/v2/rmg/v1/entitlements`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        productType: 'THIRDPARTY',
        productId: 'Netflix_EU_B_BUNDLE_BASIC',
        accountId: 'account-bob',
        status: 'PENDING',
      }),
    });
    const { _id } = (await response.json()) as { _id: string };
    await emulator.activate(_id);
    const suspend = await fetch(`${emulator.url}/tpes/v1/operator/entitlements/${_id}/actions/suspend`, {
      method: 'POST',
      headers: gatewayHeaders(token),
    });
    expect(suspend.status).toBe(200);
    await waitFor(
      () => emulator.getState().deliveries.every((d) => d.status === 'delivered'),
      10_000,
      'deliveries',
    );

    const handled = receiver.received.filter((request) => request.answeredStatus === 200);
    const bodies = handled.map((request) => JSON.parse(request.rawBody) as EntitlementChangeNotification);
    // exactly-once effect: each event handled once, in order
    expect(bodies.map((body) => [body.sequence, body.previousStatus ?? null, body.status])).toEqual([
      [1, null, 'PENDING'],
      [2, 'PENDING', 'ACTIVE'],
      [3, 'ACTIVE', 'SUSPENDED'],
    ]);
    expect(new Set(bodies.map((body) => body.eventId)).size).toBe(3);
    // every attempt (failed ones too) is in order: an event is never sent before the previous one was delivered
    const attemptSequences = receiver.received.map(
      (request) => (JSON.parse(request.rawBody) as { sequence: number }).sequence,
    );
    expect(attemptSequences).toEqual([1, 1, 2, 2, 3, 3]);
    for (const request of receiver.received) {
      expect(verifySignature(request, SECRET)).toBe(true);
      expect(verifySignature(request, 'other-secret')).toBe(false);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['nv-tenant-id']).toBe('tenant1');
      expectSpecNotification(JSON.parse(request.rawBody));
    }
    expect(receiver.received[0]?.headers['x-correlation-id']).toBe('corr-purchase');
    expect(emulator.getState().deliveries.map((d) => [d.attempts, d.lastStatus])).toEqual([
      [2, 200],
      [2, 200],
      [2, 200],
    ]);
  });

  it('gives up after maxAttempts with status failed, then moves on to the next event', async () => {
    const { receiver, emulator, token } = await setup(() => 503, 3);
    const response = await purchase(emulator, token);
    const { _id } = (await response.json()) as { _id: string };
    await emulator.activate(_id);
    await waitFor(
      () => emulator.getState().deliveries.every((d) => d.status === 'failed'),
      10_000,
      'failures',
    );
    expect(emulator.getState().deliveries.map((d) => [d.status, d.attempts, d.lastStatus])).toEqual([
      ['failed', 3, 503],
      ['failed', 3, 503],
    ]);
    expect(receiver.received).toHaveLength(6);
  });

  it('events raised with no URL wait and go out once a URL is set (seed notificationUrl works too)', async () => {
    const receiver = await startReceiver();
    const emulator = await startEmulator({ notificationRetry: { initialDelayMs: 10 } });
    cleanups.push(
      () => receiver.close(),
      () => emulator.close(),
    );
    const token = await passwordToken(emulator);
    await purchase(emulator, token);
    expect(emulator.getState().deliveries).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 0 }),
    ]);
    emulator.setNotificationUrl(receiver.url);
    await waitFor(() => receiver.received.length === 1, 5000, 'delivery');
    // default secret
    expect(verifySignature(receiver.received[0] as ReceivedRequest, 'emulator-notification-secret')).toBe(
      true,
    );

    const seeded = await startEmulator({ seed: { ...emulator.seed, notificationUrl: receiver.url } });
    cleanups.push(() => seeded.close());
    await purchase(seeded, await passwordToken(seeded));
    await waitFor(() => receiver.received.length === 2, 5000, 'seeded delivery');
  });

  it('an unreachable receiver is retried, and close() cancels pending retries without hanging', async () => {
    const emulator = await startEmulator({ notificationRetry: { initialDelayMs: 5, maxDelayMs: 10 } });
    emulator.setNotificationUrl('http://127.0.0.1:9/unreachable');
    await purchase(emulator, await passwordToken(emulator));
    await waitFor(() => (emulator.getState().deliveries[0]?.attempts ?? 0) >= 2, 5000, 'retries');
    expect(emulator.getState().deliveries[0]?.lastError).toBeTruthy();
    await emulator.close();
  });

  it('signNotification matches the documented format', () => {
    const header = signNotification('s', '{"a":1}', 1700000000);
    const mac = createHmac('sha256', 's').update('1700000000.{"a":1}').digest('hex');
    expect(header).toBe(`t=1700000000,v1=${mac}`);
  });
});

describe('notificationDuplicates', () => {
  it('sends each attempt twice at the same time with 1, counting the copies; the primary alone decides delivery', async () => {
    const receiver = await startReceiver(() => 200);
    const emulator = await startEmulator({ notificationSecret: SECRET, notificationDuplicates: 1 });
    cleanups.push(
      () => receiver.close(),
      () => emulator.close(),
    );
    emulator.setNotificationUrl(receiver.url);
    await purchase(emulator, await passwordToken(emulator));
    await waitFor(
      () => emulator.getState().deliveries[0]?.status === 'delivered' && receiver.received.length === 2,
    );
    expect(emulator.getState().deliveries[0]).toMatchObject({ attempts: 1, copies: 1, lastStatus: 200 });
    const [first, second] = receiver.received;
    expect(second!.rawBody).toBe(first!.rawBody);
    expect(verifySignature(second!, SECRET)).toBe(true);
  });

  it.each([-0.1, 1.5, Number.NaN])('refuses %s', async (notificationDuplicates) => {
    await expect(startEmulator({ notificationDuplicates })).rejects.toThrow(/notificationDuplicates/);
  });
});
