import { describe, expect, it } from 'vitest';
import { ALICE, BOB, BASIC, PREMIUM, DISNEY, type ScenarioKit } from './kit.js';

/**
 * The purchase route: end to end, session account only, OPF refusals, lost answers, upstream failures.
 *
 * @example
 * purchaseScenarios(createScenarioKit(adapter));
 */
export function purchaseScenarios(kit: ScenarioKit): void {
  const { api, call, purchase, stored, expectPortalError, makeApp } = kit;
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
      expect(kit.emulator.getState().entitlements.filter((e) => e.accountId === BOB)).toEqual([]);
    });

    it('answers 400 UNKNOWN_PRODUCT for a product OPF does not know', async () => {
      const result = await api('POST', '/purchases', { body: { productId: 'No_Such_Product' } });
      expectPortalError(result, 400, 'UNKNOWN_PRODUCT', 'productId');
      expect(kit.emulator.getState().entitlements).toEqual([]);
    });

    it('answers 400 PRODUCT_NOT_AVAILABLE for a product that is not third-party', async () => {
      const result = await api('POST', '/purchases', { body: { productId: 'SPORTS_PACK' } });
      expectPortalError(result, 400, 'PRODUCT_NOT_AVAILABLE', 'productId');
    });

    it('answers 409 ALREADY_PURCHASED for a second live purchase of the same product', async () => {
      await purchase(ALICE, DISNEY);
      const again = await api('POST', '/purchases', { body: { productId: DISNEY } });
      expectPortalError(again, 409, 'ALREADY_PURCHASED');
      expect(kit.emulator.getState().entitlements.filter((e) => e.productId === DISNEY)).toHaveLength(1);
    });

    it('buys once when the answer to the purchase is lost and the client retries', async () => {
      await api('GET', '/entitlements'); // warm the token cache
      kit.emulator.setFaults({ createThirdPartyEntitlement: { reset: 'after-commit', times: 1 } });
      const result = await api('POST', '/purchases', { body: { productId: BASIC } });
      expect(result.status).toBe(201);
      const attempts = kit.emulator
        .getState()
        .requests.filter((r) => r.operationId === 'createThirdPartyEntitlement');
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      expect(kit.emulator.getState().entitlements).toEqual([
        expect.objectContaining({ _id: result.body.entitlementId, accountId: ALICE, productId: BASIC }),
      ]);
    });

    it.each([
      ['bad JSON', { rawBody: '{"productId":' }, 'body'],
      ['a JSON array', { body: [BASIC] }, 'body'],
      ['an empty body', { rawBody: '' }, 'body'],
      ['a missing productId', { body: { product: BASIC } }, 'productId'],
      ['a productId of the wrong type', { body: { productId: 42 } }, 'productId'],
      ['a productId with a control character', { body: { productId: 'Netflix\u0007basic' } }, 'productId'],
    ])('answers 400 naming the field for %s', async (_label, options, field) => {
      const result = await api('POST', '/purchases', options);
      expectPortalError(result, 400, 'INVALID_REQUEST', field);
      expect(
        kit.emulator.getState().requests.filter((r) => r.operationId === 'createThirdPartyEntitlement'),
      ).toEqual([]);
    });

    it.each([
      ['throws (no session)', null],
      ['gives an empty account', ''],
    ])('answers 401 when resolveAccountId %s, without calling OPF', async (_label, account) => {
      const result = await api('POST', '/purchases', { account, body: { productId: BASIC } });
      expectPortalError(result, 401, 'UNAUTHENTICATED');
      expect(
        kit.emulator.getState().requests.filter((r) => r.operationId === 'createThirdPartyEntitlement'),
      ).toEqual([]);
    });

    it('answers 502 with a generic message for an unknown tenant', async () => {
      const result = await api('POST', '/purchases', { tenant: 'tenant-nope', body: { productId: BASIC } });
      expectPortalError(result, 502, 'UPSTREAM_ERROR');
      expect(result.text).not.toContain('tenant-nope');
    });

    it('answers 502 when the token endpoint is down (cold token cache)', async () => {
      const fresh = await kit.adapter.start(makeApp());
      try {
        kit.emulator.setFaults({ getAccessToken: { status: 503 } });
        const result = await call(fresh, 'POST', '/api/purchases', {
          headers: { 'x-test-account': ALICE },
          body: { productId: BASIC },
        });
        expectPortalError(result, 502, 'UPSTREAM_ERROR');
        expect(kit.emulator.getState().entitlements).toEqual([]);
      } finally {
        await fresh.close();
      }
    });

    it('answers 503 PURCHASE_OUTCOME_UNKNOWN with the entitlement id when the gateway keeps answering 503 beyond the retries', async () => {
      await api('GET', '/entitlements'); // warm the token cache
      kit.emulator.setFaults({ createThirdPartyEntitlement: { status: 503 } });
      const result = await api('POST', '/purchases', {
        correlationId: 'portal-corr-503',
        body: { productId: BASIC },
      });
      expectPortalError(result, 503, 'PURCHASE_OUTCOME_UNKNOWN');
      expect(result.headers.get('retry-after')).toBe('2');
      expect(result.body.entitlementId).toEqual(expect.any(String));
      expect(kit.emulator.getState().entitlements).toEqual([]);
      expect(result.body.correlationId).toBe('portal-corr-503');
      const attempts = kit.emulator
        .getState()
        .requests.filter((r) => r.operationId === 'createThirdPartyEntitlement');
      expect(attempts.length).toBe(3);
      for (const a of attempts) expect(a.correlationId).toBe('portal-corr-503');
    });

    it('answers 503 PURCHASE_OUTCOME_UNKNOWN when the gateway answers later than the timeout', async () => {
      await api('GET', '/entitlements');
      kit.emulator.setFaults({ createThirdPartyEntitlement: { latencyMs: 8_000, status: 503 } });
      const result = await api('POST', '/purchases', { body: { productId: BASIC } });
      expectPortalError(result, 503, 'PURCHASE_OUTCOME_UNKNOWN');
      expect(result.body.entitlementId).toEqual(expect.any(String));
    });

    it('confirms a purchase whose every answer was lost by looking it up: 201, bought once', async () => {
      await api('GET', '/entitlements');
      kit.emulator.setFaults({ createThirdPartyEntitlement: { reset: 'after-commit' } });
      const result = await api('POST', '/purchases', { body: { productId: BASIC } });
      expect(result.status).toBe(201);
      expect(kit.emulator.getState().entitlements).toEqual([
        expect.objectContaining({ _id: result.body.entitlementId, accountId: ALICE, productId: BASIC }),
      ]);
    });

    it.each([
      ['prohibited (the default)', undefined],
      ['allowed', false],
    ])(
      'answers a retry with the same Idempotency-Key with the same entitlement, duplicates %s',
      async (_label, prohibit) => {
        const fresh =
          prohibit === undefined
            ? kit.server
            : await kit.adapter.start(makeApp({ prohibitDuplicateProductPurchase: prohibit }));
        try {
          const buy = () =>
            call(fresh, 'POST', '/api/purchases', {
              headers: { 'x-test-account': ALICE, 'idempotency-key': 'intent-1' },
              body: { productId: BASIC },
            });
          const first = await buy();
          const again = await buy();
          expect(first.status).toBe(201);
          expect(again.status).toBe(201);
          expect(again.body.entitlementId).toBe(first.body.entitlementId);
          expect(kit.emulator.getState().entitlements).toHaveLength(1);
          const other = await call(fresh, 'POST', '/api/purchases', {
            headers: { 'x-test-account': ALICE, 'idempotency-key': 'intent-1' },
            body: { productId: PREMIUM },
          });
          expectPortalError(other, 422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key');
          expect(kit.emulator.getState().entitlements).toHaveLength(1);
        } finally {
          if (fresh !== kit.server) await fresh.close();
        }
      },
    );

    it('turns an unknown outcome into one entitlement when the user retries with the same key', async () => {
      await api('GET', '/entitlements');
      // Each attempt is stored only after the client gave up (4 s for all attempts) and looked it up.
      kit.emulator.setFaults({ createThirdPartyEntitlement: { latencyMs: 5_000 } });
      const headers = { 'idempotency-key': 'intent-slow' };
      const lost = await api('POST', '/purchases', { headers, body: { productId: BASIC } });
      expectPortalError(lost, 503, 'PURCHASE_OUTCOME_UNKNOWN');
      kit.emulator.setFaults({});
      const retried = await api('POST', '/purchases', { headers, body: { productId: BASIC } });
      expect(retried.status).toBe(201);
      expect(retried.body.entitlementId).toBe(lost.body.entitlementId);
      // Let the late attempts land (5 s after each was sent): they find the id taken and store nothing.
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      expect(kit.emulator.getState().entitlements).toEqual([
        expect.objectContaining({ _id: lost.body.entitlementId, accountId: ALICE, productId: BASIC }),
      ]);
    });
  });
}
