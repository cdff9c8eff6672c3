import { describe, expect, test } from 'vitest';
import { BASE_URL, TOKEN_URL, gatewayWithTokens, json, type SeenRequest } from '../../test/fake-fetch.js';
import { createCrmGatewayClient } from '../client/create-client.js';
import { ConflictError } from '../errors/conflict-error.js';
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
    expect(request!.url).toBe(`${BASE_URL}/crm-gateway/v2/rmg/v1/entitlements`);
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

  test('a 409 or DUPLICATE_ENTITLEMENT_ID for another purchase is a ConflictError', async () => {
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
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).message).toContain('id-8');
    }
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
