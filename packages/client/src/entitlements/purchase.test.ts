import { describe, expect, test } from 'vitest';
import { BASE_URL, TOKEN_URL, gatewayWithTokens, json, type SeenRequest } from '../../test/fake-fetch.js';
import { createCrmGatewayClient } from '../client/create-client.js';
import { ConflictError } from '../errors/conflict-error.js';
import { EntitlementIdInUseError } from '../errors/entitlement-id-in-use-error.js';
import { isCrmGatewayError } from '../errors/is-crm-gateway-error.js';
import { PurchaseOutcomeUnknownError } from '../errors/purchase-outcome-unknown-error.js';
import { IDENTIFIER_PATTERN } from '../validation/patterns.js';

const auth = { tokenUrl: TOKEN_URL, clientId: 'crm_client', username: 'user', password: 'pw' };
const input = { accountId: 'account-alice', productId: 'Netflix_EU_B_BUNDLE_BASIC' };

function client(fetch: typeof globalThis.fetch) {
  return createCrmGatewayClient({
    baseUrl: BASE_URL,
    tenantId: 'tenant1',
    auth,
    fetch,
    maxRetries: 4,
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
  });
}

const bodyOf = (request: SeenRequest): Record<string, unknown> =>
  JSON.parse(request.body ?? '{}') as Record<string, unknown>;
const isPurchase = (request: SeenRequest): boolean => request.method === 'POST';

describe('purchaseThirdPartyProduct', () => {
  test('sends the seed body with a generated _id that is a valid Identifier', async () => {
    const fake = gatewayWithTokens((request) => json(201, { _id: bodyOf(request)['_id'] }));
    const result = await client(fake.fetch).entitlements.purchaseThirdPartyProduct(input);
    const [request] = fake.gatewayRequests();
    const body = bodyOf(request!);
    expect(body).toMatchObject({ productType: 'THIRDPARTY', status: 'PENDING', ...input });
    expect(body['_id']).toMatch(IDENTIFIER_PATTERN);
    expect(result).toEqual({
      entitlementId: body['_id'],
      status: 'PENDING',
      correlationId: request!.headers['x-correlation-id'],
    });
    // The duplicate flag is always explicit (decision 1: its meaning is unconfirmed), `false` by default.
    expect(request!.url).toBe(
      `${BASE_URL}/crm-gateway/v2/rmg/v1/entitlements?prohibitDuplicateProductPurchase=false`,
    );
  });

  test('the same _id on every attempt after lost answers; the caller id wins', async () => {
    const fake = gatewayWithTokens((request, index) =>
      index < 2
        ? new TypeError('socket hang up')
        : index < 3
          ? json(503, {})
          : json(201, { _id: bodyOf(request)['_id'] }),
    );
    const result = await client(fake.fetch).entitlements.purchaseThirdPartyProduct({
      ...input,
      entitlementId: 'my-id-1',
    });
    const ids = fake.gatewayRequests().map((r) => bodyOf(r)['_id']);
    expect(ids).toEqual(['my-id-1', 'my-id-1', 'my-id-1', 'my-id-1']);
    expect(result.entitlementId).toBe('my-id-1');

    const generated = gatewayWithTokens((request, index) =>
      index === 0 ? json(502, {}) : json(201, { _id: bodyOf(request)['_id'] }),
    );
    await client(generated.fetch).entitlements.purchaseThirdPartyProduct(input);
    const [first, second] = generated.gatewayRequests().map((r) => bodyOf(r)['_id']);
    expect(first).toBe(second);
  });

  test('prohibitDuplicateProductPurchase goes in the query', async () => {
    const fake = gatewayWithTokens(() => json(201, { _id: 'x' }));
    await client(fake.fetch).entitlements.purchaseThirdPartyProduct({
      ...input,
      prohibitDuplicateProductPurchase: true,
    });
    expect(fake.gatewayRequests()[0]!.url).toBe(
      `${BASE_URL}/crm-gateway/v2/rmg/v1/entitlements?prohibitDuplicateProductPurchase=true`,
    );
  });

  test('DUPLICATE_ENTITLEMENT_ID for the same purchase is a success after a list by _id', async () => {
    const fake = gatewayWithTokens((request) =>
      isPurchase(request)
        ? json(400, { resultCode: 'DUPLICATE_ENTITLEMENT_ID' })
        : json(200, {
            totalRecords: 1,
            resourceSet: [{ _id: 'id-7', ...input, productType: 'THIRDPARTY', status: 'ACTIVE' }],
          }),
    );
    const result = await client(fake.fetch).entitlements.purchaseThirdPartyProduct(
      { ...input, entitlementId: 'id-7' },
      { correlationId: 'c7' },
    );
    expect(result).toEqual({ entitlementId: 'id-7', status: 'ACTIVE', correlationId: 'c7' });
    const list = fake.gatewayRequests()[1]!;
    expect(new URL(list.url).searchParams.get('filter')).toBe('{"_id":"id-7"}');
    expect(list.headers['x-correlation-id']).toBe('c7');
  });

  test('a 409 or DUPLICATE_ENTITLEMENT_ID for another purchase is an EntitlementIdInUseError', async () => {
    for (const duplicate of [json(409, {}), json(400, { resultCode: 'DUPLICATE_ENTITLEMENT_ID' })]) {
      const fake = gatewayWithTokens((request) =>
        isPurchase(request)
          ? duplicate.clone()
          : json(200, {
              totalRecords: 1,
              resourceSet: [
                {
                  _id: 'id-8',
                  accountId: 'account-bob',
                  productId: input.productId,
                  productType: 'THIRDPARTY',
                  status: 'PENDING',
                },
              ],
            }),
      );
      const error = await client(fake.fetch)
        .entitlements.purchaseThirdPartyProduct({ ...input, entitlementId: 'id-8' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EntitlementIdInUseError);
      expect(error).toMatchObject({ code: 'ENTITLEMENT_ID_IN_USE', entitlementId: 'id-8' });
      expect((error as EntitlementIdInUseError).message).toContain('id-8');
    }
  });

  test("a 409 whose id is not listed is the gateway's own ConflictError (a duplicate product)", async () => {
    const fake = gatewayWithTokens((request) =>
      isPurchase(request)
        ? json(409, { resultCode: 'DUPLICATE_PRODUCT_PURCHASE' })
        : json(200, { totalRecords: 0, resourceSet: [] }),
    );
    const error = await client(fake.fetch)
      .entitlements.purchaseThirdPartyProduct({ ...input, entitlementId: 'id-9' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'CONFLICT', resultCode: 'DUPLICATE_PRODUCT_PURCHASE' });
  });

  describe('a lost answer after the last attempt', () => {
    const stored = (accountId: string) =>
      json(200, {
        totalRecords: 1,
        resourceSet: [
          {
            _id: 'id-7',
            accountId,
            productId: input.productId,
            productType: 'THIRDPARTY',
            status: 'PENDING',
          },
        ],
      });

    test.each([
      ['503s', () => json(503, { resultCode: 'UNAVAILABLE' })],
      ['broken connections', () => new TypeError('fetch failed')],
    ])('is looked up by id: found after %s → the purchase, bought once', async (_label, failure) => {
      const fake = gatewayWithTokens((request) =>
        isPurchase(request) ? failure() : stored('account-alice'),
      );
      const result = await client(fake.fetch).entitlements.purchaseThirdPartyProduct({
        ...input,
        entitlementId: 'id-7',
      });
      expect(result).toMatchObject({ entitlementId: 'id-7', status: 'PENDING' });
      const seen = fake.gatewayRequests();
      expect(seen.filter(isPurchase)).toHaveLength(5);
      expect(seen.filter((r) => !isPurchase(r)).map((r) => decodeURIComponent(r.url))).toEqual([
        `${BASE_URL}/crm-gateway/v1/rmg/v1/entitlements?filter={"_id":"id-7"}`,
      ]);
    });

    test('not found → PurchaseOutcomeUnknownError carrying the entitlement id and the last failure', async () => {
      const fake = gatewayWithTokens((request) =>
        isPurchase(request) ? json(503, {}) : json(200, { totalRecords: 0, resourceSet: [] }),
      );
      const error = await client(fake.fetch)
        .entitlements.purchaseThirdPartyProduct({ ...input, entitlementId: 'id-6' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PurchaseOutcomeUnknownError);
      expect(error).toMatchObject({ code: 'PURCHASE_OUTCOME_UNKNOWN', entitlementId: 'id-6', status: 503 });
      expect((error as Error).cause).toMatchObject({ code: 'SERVER_ERROR' });
      expect(isCrmGatewayError(error, 'PURCHASE_OUTCOME_UNKNOWN')).toBe(true);
    });

    test("a look-up that fails too → PurchaseOutcomeUnknownError, not the look-up's error", async () => {
      const fake = gatewayWithTokens(() => json(503, {}));
      const error = await client(fake.fetch)
        .entitlements.purchaseThirdPartyProduct(input)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PurchaseOutcomeUnknownError);
      const sent = bodyOf(fake.gatewayRequests().find(isPurchase)!)['_id'];
      expect((error as PurchaseOutcomeUnknownError).entitlementId).toBe(sent);
    });

    test('found for another account → EntitlementIdInUseError', async () => {
      const fake = gatewayWithTokens((request) =>
        isPurchase(request) ? json(503, {}) : stored('account-bob'),
      );
      const error = await client(fake.fetch)
        .entitlements.purchaseThirdPartyProduct({ ...input, entitlementId: 'id-7' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EntitlementIdInUseError);
    });

    test('a 4xx refusal is not looked up', async () => {
      const fake = gatewayWithTokens(() => json(400, { resultCode: 'UNKNOWN_PRODUCT' }));
      await expect(client(fake.fetch).entitlements.purchaseThirdPartyProduct(input)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      expect(fake.gatewayRequests().filter((r) => !isPurchase(r))).toEqual([]);
    });
  });

  test('DUPLICATE_PRODUCT_PURCHASE is a ConflictError without a list', async () => {
    const fake = gatewayWithTokens(() => json(400, { resultCode: 'DUPLICATE_PRODUCT_PURCHASE' }));
    await expect(
      client(fake.fetch).entitlements.purchaseThirdPartyProduct({
        ...input,
        prohibitDuplicateProductPurchase: true,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', status: 400, resultCode: 'DUPLICATE_PRODUCT_PURCHASE' });
    expect(fake.gatewayRequests()).toHaveLength(1);
  });

  test('tolerates the other editions: 200 with entitlementId, 202 with activation parameters', async () => {
    const twoHundred = gatewayWithTokens(() => json(200, { entitlementId: 'tpes-1' }));
    await expect(
      client(twoHundred.fetch).entitlements.purchaseThirdPartyProduct(input),
    ).resolves.toMatchObject({
      entitlementId: 'tpes-1',
      status: 'ACTIVE',
    });
    const accepted = gatewayWithTokens(() =>
      json(202, {
        _id: 'crm-2',
        responseCode: '202',
        parameters: {
          action: 'NAVIGATE_TO_URL',
          url: 'https://bango.test/a/1',
          urlExpiry: '2026-11-27T00:00:00Z',
        },
      }),
    );
    await expect(client(accepted.fetch).entitlements.purchaseThirdPartyProduct(input)).resolves.toMatchObject(
      {
        entitlementId: 'crm-2',
        status: 'PENDING',
        activation: {
          url: 'https://bango.test/a/1',
          urlExpiry: '2026-11-27T00:00:00Z',
          action: 'NAVIGATE_TO_URL',
        },
      },
    );
  });
});
