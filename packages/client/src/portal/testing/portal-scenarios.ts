/**
 * The one scenario table both plugins run (test-only; not part of the client's public entry). Each plugin's
 * test calls {@link runPortalScenarios} with an adapter that starts a real server of its framework in front of
 * a real emulator, and every scenario drives it with `fetch` over loopback.
 * @internal
 */
import { signNotification, startEmulator, type Emulator } from '@crm-gateway/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  PortalTestAdapter,
  PortalTestApp,
  PortalTestServer,
  RecordedNotification,
} from './portal-adapter.js';

const NOTIFICATION_SECRET = 'scenario-notification-secret';
const PASSWORD = 'crm-client-password';
const ALICE = 'account-alice';
const BOB = 'account-bob';
const CAROL = 'account-carol';
const BASIC = 'Netflix_EU_B_BUNDLE_BASIC';
const PREMIUM = 'Netflix_EU_B_BUNDLE_PREMIUM';
const DISNEY = 'DisneyPlus_EU_STANDARD';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface CallOptions {
  account?: string | null;
  tenant?: string;
  correlationId?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

interface CallResult {
  status: number;
  body: Record<string, unknown>;
  text: string;
  headers: Headers;
}

/**
 * Runs every shared portal scenario against one plugin.
 *
 * @example
 * runPortalScenarios({ name: 'express', start: async (app) => listen(buildExpressApp(app)) });
 */
export function runPortalScenarios(adapter: PortalTestAdapter): void {
  describe(`portal scenarios: ${adapter.name}`, () => {
    let emulator: Emulator;
    let server: PortalTestServer;
    const handled: RecordedNotification[] = [];
    const handlerCalls: RecordedNotification[] = [];
    const contexts: { correlationId: string; eventId: string }[] = [];
    let onNotification: (n: RecordedNotification) => Promise<void> = async () => undefined;

    function makeApp(): PortalTestApp {
      return {
        client: {
          baseUrl: emulator.url,
          auth: {
            tokenUrl: emulator.tokenUrl,
            clientId: 'crm_client',
            username: 'crm_client_user',
            password: PASSWORD,
          },
          // Generous per attempt, so a loaded machine never turns a normal call into a timeout.
          timeoutMs: 1_500,
          totalTimeoutMs: 4_000,
          maxRetries: 2,
        },
        accountFrom(header) {
          if (header === null || header === undefined) throw new Error('no session');
          return header;
        },
        tenantFrom: (header) => header ?? 'tenant1',
        notificationSecret: NOTIFICATION_SECRET,
        async onNotification(notification, context) {
          handlerCalls.push(notification);
          contexts.push(context);
          await onNotification(notification);
          handled.push(notification);
        },
      };
    }

    async function call(
      base: PortalTestServer,
      method: string,
      path: string,
      options: CallOptions = {},
    ): Promise<CallResult> {
      const headers: Record<string, string> = { ...options.headers };
      const account = options.account === undefined ? ALICE : options.account;
      if (account !== null) headers['x-test-account'] = account;
      if (options.tenant !== undefined) headers['x-test-tenant'] = options.tenant;
      if (options.correlationId !== undefined) headers['x-correlation-id'] = options.correlationId;
      let payload: string | undefined = options.rawBody;
      if (options.body !== undefined) payload = JSON.stringify(options.body);
      if (payload !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(`${base.url}${path}`, { method, headers, body: payload });
      const text = await response.text();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // Not JSON: the assertions on `text` say what was expected.
      }
      return { status: response.status, body, text, headers: response.headers };
    }

    const api = (method: string, path: string, options?: CallOptions) =>
      call(server, method, `/api${path}`, options);

    async function purchase(account: string, productId: string): Promise<string> {
      const result = await api('POST', '/purchases', { account, body: { productId } });
      expect(result.status).toBe(201);
      return result.body.entitlementId as string;
    }

    function stored(entitlementId: string) {
      return emulator.getState().entitlements.find((e) => e._id === entitlementId);
    }

    /** The end user must never see OPF's internals nor the portal's credentials. */
    function expectNoLeak(result: CallResult): void {
      expect(result.text).not.toContain(PASSWORD);
      expect(result.text).not.toContain('resultCode');
      expect(result.text).not.toContain('crm_client');
      expect(result.text).not.toMatch(/keycloak|bearer|TENANT_NOT_FOUND|99999/i);
    }

    function expectPortalError(result: CallResult, status: number, code: string, field?: string): void {
      expect(result.status).toBe(status);
      expect(result.body.code).toBe(code);
      expect(typeof result.body.message).toBe('string');
      expect(typeof result.body.correlationId).toBe('string');
      expect(result.headers.get('x-correlation-id')).toBe(result.body.correlationId);
      if (field !== undefined) expect(result.body.field).toBe(field);
      expectNoLeak(result);
    }

    beforeAll(async () => {
      emulator = await startEmulator({
        notificationSecret: NOTIFICATION_SECRET,
        notificationRetry: { initialDelayMs: 30, maxDelayMs: 200, maxAttempts: 6 },
      });
      server = await adapter.start(makeApp());
    });

    afterAll(async () => {
      await server?.close();
      await emulator?.close();
    });

    beforeEach(() => {
      emulator.reset();
      handled.length = 0;
      handlerCalls.length = 0;
      contexts.length = 0;
      onNotification = async () => undefined;
    });

    describe('middleware', () => {
      it('sends the incoming x-correlation-id to OPF and echoes it back', async () => {
        const result = await api('POST', '/purchases', {
          correlationId: 'portal-corr-0001',
          body: { productId: BASIC },
        });
        expect(result.status).toBe(201);
        expect(result.headers.get('x-correlation-id')).toBe('portal-corr-0001');
        expect(result.body.correlationId).toBe('portal-corr-0001');
        const calls = emulator
          .getState()
          .requests.filter((r) => r.operationId === 'createThirdPartyEntitlement');
        expect(calls.map((r) => r.correlationId)).toEqual(['portal-corr-0001']);
      });

      it.each([
        ['a missing', undefined],
        ['an insane', 'has spaces in it'],
        ['a too long', 'x'.repeat(129)],
      ])('replaces %s correlation id with a new one, used at OPF and echoed', async (_label, incoming) => {
        const result = await api(
          'GET',
          '/entitlements',
          incoming === undefined ? {} : { correlationId: incoming },
        );
        expect(result.status).toBe(200);
        const echoed = result.headers.get('x-correlation-id');
        expect(echoed).toMatch(UUID);
        expect(result.body.correlationId).toBe(echoed);
        const calls = emulator.getState().requests.filter((r) => r.operationId === 'listEntitlements');
        expect(calls.length).toBeGreaterThan(0);
        for (const entry of calls) expect(entry.correlationId).toBe(echoed);
      });

      it('gives each request its own correlation id', async () => {
        const [a, b] = await Promise.all([api('GET', '/entitlements'), api('GET', '/entitlements')]);
        expect(a.headers.get('x-correlation-id')).not.toBe(b.headers.get('x-correlation-id'));
      });

      it('shares one token cache: many concurrent requests on a cold app fetch one token', async () => {
        const fresh = await adapter.start(makeApp());
        try {
          emulator.reset();
          const results = await Promise.all(
            Array.from({ length: 12 }, () => call(fresh, 'GET', '/api/entitlements')),
          );
          for (const r of results) expect(r.status).toBe(200);
          const tokenCalls = emulator.getState().requests.filter((r) => r.operationId === 'getAccessToken');
          expect(tokenCalls).toHaveLength(1);
        } finally {
          await fresh.close();
        }
      });

      it('uses the tenant chosen per request', async () => {
        await api('GET', '/entitlements', { tenant: 'tenant1' });
        const calls = emulator.getState().requests.filter((r) => r.operationId === 'listEntitlements');
        expect(calls.map((r) => r.tenantId)).toContain('tenant1');
      });
    });

    describe('purchase', () => {
      it('buys a product end to end: 201 with the entitlement, stored for the session account', async () => {
        const result = await api('POST', '/purchases', { body: { productId: BASIC } });
        expect(result.status).toBe(201);
        expect(result.body).toEqual({
          entitlementId: expect.any(String),
          status: 'PENDING',
          correlationId: result.headers.get('x-correlation-id'),
        });
        const entitlement = stored(result.body.entitlementId as string);
        expect(entitlement).toMatchObject({
          accountId: ALICE,
          productId: BASIC,
          status: 'PENDING',
          productType: 'THIRDPARTY',
        });
      });

      it('ignores an accountId in the body: the entitlement belongs to the session account', async () => {
        const result = await api('POST', '/purchases', {
          account: ALICE,
          body: { productId: PREMIUM, accountId: BOB },
        });
        expect(result.status).toBe(201);
        expect(stored(result.body.entitlementId as string)?.accountId).toBe(ALICE);
        expect(emulator.getState().entitlements.filter((e) => e.accountId === BOB)).toEqual([]);
      });

      it('answers 400 UNKNOWN_PRODUCT for a product OPF does not know', async () => {
        const result = await api('POST', '/purchases', { body: { productId: 'No_Such_Product' } });
        expectPortalError(result, 400, 'UNKNOWN_PRODUCT', 'productId');
        expect(emulator.getState().entitlements).toEqual([]);
      });

      it('answers 400 PRODUCT_NOT_AVAILABLE for a product that is not third-party', async () => {
        const result = await api('POST', '/purchases', { body: { productId: 'SPORTS_PACK' } });
        expectPortalError(result, 400, 'PRODUCT_NOT_AVAILABLE', 'productId');
      });

      it('answers 409 ALREADY_PURCHASED for a second live purchase of the same product', async () => {
        await purchase(ALICE, DISNEY);
        const again = await api('POST', '/purchases', { body: { productId: DISNEY } });
        expectPortalError(again, 409, 'ALREADY_PURCHASED');
        expect(emulator.getState().entitlements.filter((e) => e.productId === DISNEY)).toHaveLength(1);
      });

      it('buys once when the answer to the purchase is lost and the client retries', async () => {
        await api('GET', '/entitlements'); // warm the token cache
        emulator.setFaults({ createThirdPartyEntitlement: { reset: 'after-commit', times: 1 } });
        const result = await api('POST', '/purchases', { body: { productId: BASIC } });
        expect(result.status).toBe(201);
        const attempts = emulator
          .getState()
          .requests.filter((r) => r.operationId === 'createThirdPartyEntitlement');
        expect(attempts.length).toBeGreaterThanOrEqual(2);
        expect(emulator.getState().entitlements).toEqual([
          expect.objectContaining({ _id: result.body.entitlementId, accountId: ALICE, productId: BASIC }),
        ]);
      });

      it.each([
        ['bad JSON', { rawBody: '{"productId":' }, 'body'],
        ['a JSON array', { body: [BASIC] }, 'body'],
        ['an empty body', { rawBody: '' }, 'body'],
        ['a missing productId', { body: { product: BASIC } }, 'productId'],
        ['a productId of the wrong type', { body: { productId: 42 } }, 'productId'],
        ['a productId with spaces', { body: { productId: 'Netflix basic' } }, 'productId'],
      ])('answers 400 naming the field for %s', async (_label, options, field) => {
        const result = await api('POST', '/purchases', options);
        expectPortalError(result, 400, 'INVALID_REQUEST', field);
        expect(
          emulator.getState().requests.filter((r) => r.operationId === 'createThirdPartyEntitlement'),
        ).toEqual([]);
      });

      it.each([
        ['throws (no session)', null],
        ['gives an empty account', ''],
      ])('answers 401 when resolveAccountId %s, without calling OPF', async (_label, account) => {
        const result = await api('POST', '/purchases', { account, body: { productId: BASIC } });
        expectPortalError(result, 401, 'UNAUTHENTICATED');
        expect(
          emulator.getState().requests.filter((r) => r.operationId === 'createThirdPartyEntitlement'),
        ).toEqual([]);
      });

      it('answers 502 with a generic message for an unknown tenant', async () => {
        const result = await api('POST', '/purchases', { tenant: 'tenant-nope', body: { productId: BASIC } });
        expectPortalError(result, 502, 'UPSTREAM_ERROR');
        expect(result.text).not.toContain('tenant-nope');
      });

      it('answers 502 when the token endpoint is down (cold token cache)', async () => {
        const fresh = await adapter.start(makeApp());
        try {
          emulator.setFaults({ getAccessToken: { status: 503 } });
          const result = await call(fresh, 'POST', '/api/purchases', {
            headers: { 'x-test-account': ALICE },
            body: { productId: BASIC },
          });
          expectPortalError(result, 502, 'UPSTREAM_ERROR');
          expect(emulator.getState().entitlements).toEqual([]);
        } finally {
          await fresh.close();
        }
      });

      it('answers 502 when the gateway keeps answering 503 beyond the retries', async () => {
        await api('GET', '/entitlements'); // warm the token cache
        emulator.setFaults({ createThirdPartyEntitlement: { status: 503 } });
        const result = await api('POST', '/purchases', {
          correlationId: 'portal-corr-503',
          body: { productId: BASIC },
        });
        expectPortalError(result, 502, 'UPSTREAM_ERROR');
        expect(result.body.correlationId).toBe('portal-corr-503');
        const attempts = emulator
          .getState()
          .requests.filter((r) => r.operationId === 'createThirdPartyEntitlement');
        expect(attempts.length).toBe(3);
        for (const a of attempts) expect(a.correlationId).toBe('portal-corr-503');
      });

      it('answers 504 when the gateway answers later than the timeout', async () => {
        await api('GET', '/entitlements');
        emulator.setFaults({ createThirdPartyEntitlement: { latencyMs: 8_000, status: 503 } });
        const result = await api('POST', '/purchases', { body: { productId: BASIC } });
        expectPortalError(result, 504, 'UPSTREAM_TIMEOUT');
      });
    });

    describe('lifecycle routes', () => {
      it('lists only the third-party entitlements of the session account', async () => {
        const mine = [await purchase(ALICE, BASIC), await purchase(ALICE, DISNEY)];
        await purchase(BOB, BASIC);
        const result = await api('GET', '/entitlements');
        expect(result.status).toBe(200);
        const listed = result.body.entitlements as {
          entitlementId: string;
          productId: string;
          status: string;
        }[];
        expect(listed.map((e) => e.entitlementId).sort()).toEqual([...mine].sort());
        for (const e of listed) expect(e.status).toBe('PENDING');
        const empty = await api('GET', '/entitlements', { account: CAROL });
        expect(empty.body.entitlements).toEqual([]);
      });

      it('gives a fresh activation link for a PENDING entitlement, and 400 INVALID_STATE once active', async () => {
        const id = await purchase(ALICE, BASIC);
        const link = await api('GET', `/entitlements/${id}/activation`);
        expect(link.status).toBe(200);
        expect(link.body).toMatchObject({ entitlementId: id, action: expect.any(String) });
        expect(String(link.body.url).startsWith(`${emulator.url}/bango/activate/`)).toBe(true);
        await emulator.activate(id);
        const again = await api('GET', `/entitlements/${id}/activation`);
        expectPortalError(again, 400, 'INVALID_STATE');
      });

      it('suspends, resumes and cancels with a reason', async () => {
        const id = await purchase(ALICE, BASIC);
        await emulator.activate(id);
        const suspended = await api('POST', `/entitlements/${id}/suspend`);
        expect(suspended.status).toBe(200);
        expect(suspended.body).toMatchObject({ entitlementId: id, status: 'SUSPENDED' });
        expect(stored(id)?.status).toBe('SUSPENDED');
        const resumed = await api('POST', `/entitlements/${id}/resume`);
        expect(resumed.status).toBe(200);
        expect(stored(id)?.status).toBe('ACTIVE');
        const cancelled = await api('POST', `/entitlements/${id}/cancel`, {
          body: { reason: 'NOT_RENEWED', description: 'Too expensive' },
        });
        expect(cancelled.status).toBe(200);
        // Cancelling an ACTIVE entitlement is a soft ending: access until the end of the paid period.
        expect(cancelled.body).toMatchObject({ entitlementId: id, status: 'ACTIVE-ENDING' });
        expect(stored(id)).toMatchObject({
          status: 'ACTIVE-ENDING',
          reasonCategory: 'CUSTOMER_CANCELLED',
          reasonCode: 'NOT_RENEWED',
        });
      });

      it('cancels without a body, with the default reason', async () => {
        const id = await purchase(ALICE, BASIC);
        const cancelled = await api('POST', `/entitlements/${id}/cancel`);
        expect(cancelled.status).toBe(200);
        expect(cancelled.body).toMatchObject({ entitlementId: id, status: 'CANCELLED' });
        expect(stored(id)).toMatchObject({ status: 'CANCELLED', reasonCode: 'CUSTOMER_CANCELLED' });
      });

      it('answers 400 naming the field for a cancel reason outside the allowed list', async () => {
        const id = await purchase(ALICE, BASIC);
        const result = await api('POST', `/entitlements/${id}/cancel`, { body: { reason: 'FRAUD' } });
        expectPortalError(result, 400, 'INVALID_REQUEST', 'reason');
        expect(stored(id)?.status).toBe('PENDING');
      });

      it('answers 400 INVALID_STATE for a change the state does not allow', async () => {
        const id = await purchase(ALICE, BASIC);
        const result = await api('POST', `/entitlements/${id}/resume`);
        expectPortalError(result, 400, 'INVALID_STATE');
        expect(stored(id)?.status).toBe('PENDING');
      });

      it.each([
        ['GET', 'activation'],
        ['POST', 'suspend'],
        ['POST', 'resume'],
        ['POST', 'cancel'],
      ])(
        'answers 404 to %s %s on an entitlement of another account, and changes nothing',
        async (method, action) => {
          const bobs = await purchase(BOB, BASIC);
          if (action !== 'activation') await emulator.activate(bobs);
          const before = stored(bobs)?.status;
          const result = await api(method, `/entitlements/${bobs}/${action}`);
          expectPortalError(result, 404, 'NOT_FOUND');
          expect(stored(bobs)?.status).toBe(before);
        },
      );

      it('answers 404 for an entitlement that does not exist', async () => {
        const result = await api('POST', '/entitlements/no-such-entitlement/suspend');
        expectPortalError(result, 404, 'NOT_FOUND');
      });
    });

    describe('notification receiver', () => {
      const receiver = () => `${server.url}/opf/notifications`;

      async function deliveredFor(entitlementId: string) {
        return waitFor(() => {
          const d = emulator.getState().deliveries.find((x) => x.entitlementId === entitlementId);
          return d !== undefined && d.status !== 'pending' ? d : undefined;
        });
      }

      async function post(rawBody: string, signature: string | undefined): Promise<CallResult> {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (signature !== undefined) headers['x-opf-signature'] = signature;
        return call(server, 'POST', '/opf/notifications', { rawBody, headers, account: null });
      }

      async function firstDeliveredBody(): Promise<{ id: string; rawBody: string }> {
        emulator.setNotificationUrl(receiver());
        const id = await purchase(ALICE, BASIC);
        const delivery = await deliveredFor(id);
        expect(delivery.status).toBe('delivered');
        return { id, rawBody: JSON.stringify(delivery.body) };
      }

      it('receives a valid notification: the handler runs once, the delivery ends delivered', async () => {
        emulator.setNotificationUrl(receiver());
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
        onNotification = async () => {
          if (failures > 0) {
            failures -= 1;
            throw new Error('database briefly down');
          }
        };
        emulator.setNotificationUrl(receiver());
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
        onNotification = () => gate;
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
  });
}

/** Polls `probe` until it returns a value (fails after `timeoutMs`; not a timing assertion). */
async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Signs a body as OPF does, with the emulator's signer (the emulator stands for OPF). */
const sign = signNotification;
