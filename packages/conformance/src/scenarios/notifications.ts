import { describe, expect, it } from 'vitest';
import {
  NOTIFICATION_SECRET,
  ALICE,
  BASIC,
  waitFor,
  sign,
  type ScenarioKit,
  type CallResult,
} from './kit.js';

/**
 * The notification receiver: signatures, validation, replays, handler failures, concurrent deliveries.
 *
 * @example
 * notificationScenarios(createScenarioKit(adapter));
 */
export function notificationScenarios(kit: ScenarioKit): void {
  const { api, call, purchase, handled, handlerCalls, contexts } = kit;
  describe('notification receiver', () => {
    const receiver = () => `${kit.server.url}/opf/notifications`;

    async function deliveredFor(entitlementId: string) {
      return waitFor(() => {
        const d = kit.emulator.getState().deliveries.find((x) => x.entitlementId === entitlementId);
        return d !== undefined && d.status !== 'pending' ? d : undefined;
      });
    }

    async function post(rawBody: string, signature: string | undefined): Promise<CallResult> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (signature !== undefined) headers['x-opf-signature'] = signature;
      return call(kit.server, 'POST', '/opf/notifications', { rawBody, headers, account: null });
    }

    async function firstDeliveredBody(): Promise<{ id: string; rawBody: string }> {
      kit.emulator.setNotificationUrl(receiver());
      const id = await purchase(ALICE, BASIC);
      const delivery = await deliveredFor(id);
      expect(delivery.status).toBe('delivered');
      return { id, rawBody: JSON.stringify(delivery.body) };
    }

    it('receives a valid notification: the handler runs once, the delivery ends delivered', async () => {
      kit.emulator.setNotificationUrl(receiver());
      const purchased = await api('POST', '/purchases', {
        correlationId: 'portal-corr-hook',
        body: { productId: BASIC },
      });
      const id = purchased.body.entitlementId as string;
      const delivery = await deliveredFor(id);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
      expect(handled).toEqual([
        expect.objectContaining({ entitlementId: id, accountId: ALICE, status: 'PENDING' }),
      ]);
      expect(contexts[0]).toMatchObject({ eventId: delivery.eventId, correlationId: 'portal-corr-hook' });
    });

    it('refuses a missing, wrong or stale signature with 401 and does not call the handler', async () => {
      const { rawBody } = await firstDeliveredBody();
      handlerCalls.length = 0;
      const tampered = rawBody.replace('PENDING', 'ACTIVE');
      const now = Math.floor(Date.now() / 1000);
      for (const [body, signature] of [
        [rawBody, undefined],
        [rawBody, 'garbage'],
        [rawBody, sign('wrong-secret', rawBody, now)],
        [tampered, sign(NOTIFICATION_SECRET, rawBody, now)],
        [rawBody, sign(NOTIFICATION_SECRET, rawBody, now - 3_600)],
      ] as const) {
        const result = await post(body, signature);
        expect(result.status).toBe(401);
        expect(result.body.code).toBe('INVALID_SIGNATURE');
      }
      expect(handlerCalls).toEqual([]);
    });

    it('answers 200 to a replayed event without running the handler again', async () => {
      const { rawBody } = await firstDeliveredBody();
      expect(handled).toHaveLength(1);
      const replay = await post(rawBody, sign(NOTIFICATION_SECRET, rawBody));
      expect(replay.status).toBe(200);
      expect(replay.body.duplicate).toBe(true);
      expect(handlerCalls).toHaveLength(1);
    });

    it('answers 400 naming the field for a signed body that is not a valid notification', async () => {
      const { rawBody } = await firstDeliveredBody();
      const parsed = JSON.parse(rawBody) as Record<string, unknown>;
      const badStatus = JSON.stringify({ ...parsed, eventId: 'evt-bad', status: 'DANCING' });
      const result = await post(badStatus, sign(NOTIFICATION_SECRET, badStatus));
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ code: 'INVALID_NOTIFICATION', field: 'status' });
      const notJson = '{"eventId":';
      const result2 = await post(notJson, sign(NOTIFICATION_SECRET, notJson));
      expect(result2.status).toBe(400);
      expect(result2.body.field).toBe('body');
      expect(handlerCalls).toHaveLength(1);
    });

    it('answers 500 when the handler fails, so OPF retries: exactly one effect, delivered in the end', async () => {
      let failures = 1;
      kit.onNotification = async () => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('database briefly down');
        }
      };
      kit.emulator.setNotificationUrl(receiver());
      const id = await purchase(ALICE, BASIC);
      const delivery = await deliveredFor(id);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200 });
      expect(handlerCalls).toHaveLength(2);
      expect(handled).toHaveLength(1);
      expect(handled[0]?.eventId).toBe(delivery.eventId);
    });

    it('runs the handler once when the same event arrives twice at the same time', async () => {
      const { rawBody: first } = await firstDeliveredBody();
      const body = JSON.stringify({ ...(JSON.parse(first) as object), eventId: 'evt-concurrent' });
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      kit.onNotification = () => gate;
      const signature = sign(NOTIFICATION_SECRET, body);
      const a = post(body, signature);
      await waitFor(() => (handlerCalls.some((n) => n.eventId === 'evt-concurrent') ? true : undefined));
      const b = await post(body, signature);
      expect(b.status).toBe(409);
      expect(b.body.code).toBe('NOTIFICATION_IN_PROGRESS');
      release();
      expect((await a).status).toBe(200);
      expect(handlerCalls.filter((n) => n.eventId === 'evt-concurrent')).toHaveLength(1);
      const later = await post(body, signature);
      expect(later.status).toBe(200);
      expect(later.body.duplicate).toBe(true);
    });
  });
}
