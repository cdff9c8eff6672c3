import { IDENTIFIER_RULE } from '@crm-gateway/client';
import { describe, expect, it } from 'vitest';
import { entitlement, fakeGateway, listed } from '../../test/fake-gateway.js';
import { deriveEntitlementId, readIdempotencyKey } from './idempotency-key.js';
import { handlePurchase } from './purchase.js';

const CREATE = 'POST /crm-gateway/v2/rmg/v1/entitlements';
const LIST = 'GET /crm-gateway/v1/rmg/v1/entitlements';
const key = { tenantId: 'tenant1', accountId: 'account-alice', key: 'buy-42' };

describe('deriveEntitlementId', () => {
  it('gives every instance the same id for tenant + account + key, a valid OPF identifier', async () => {
    const id = await deriveEntitlementId(key);
    expect(await deriveEntitlementId({ ...key })).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).toMatch(new RegExp(IDENTIFIER_RULE.pattern));
  });

  it.each([
    ['tenant', { tenantId: 'tenant2' }],
    ['account', { accountId: 'account-bob' }],
    ['key', { key: 'buy-43' }],
  ])('changes with the %s', async (_label, change) => {
    expect(await deriveEntitlementId({ ...key, ...change })).not.toBe(await deriveEntitlementId(key));
  });
});

describe('readIdempotencyKey', () => {
  it.each([
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['"quoted key"', 'quoted key'],
    ['x'.repeat(255), 'x'.repeat(255)],
  ])('keeps %s', (value, expected) => {
    expect(readIdempotencyKey(value)).toBe(expected);
  });

  it.each(['', '""', ' leading', 'trailing ', 'x'.repeat(256), 'bad\u0000key', 'é'])(
    'refuses %j',
    (value) => {
      expect(readIdempotencyKey(value)).toBeUndefined();
    },
  );
});

describe('handlePurchase with an Idempotency-Key', () => {
  const alice = { accountId: 'account-alice', correlationId: 'c-1', body: { productId: 'P1' } };

  it('sends the derived id, so a retry on any instance sends the same one', async () => {
    const { client, seen } = fakeGateway({
      [CREATE]: (r) => ({ status: 201, body: { _id: (r.body as { _id: string })._id } }),
    });
    const first = await handlePurchase(client, { ...alice, idempotencyKey: 'buy-42' });
    const again = await handlePurchase(client, { ...alice, idempotencyKey: 'buy-42' });
    const expected = await deriveEntitlementId(key);
    expect(seen.map((r) => (r.body as { _id: string })._id)).toEqual([expected, expected]);
    expect(first).toMatchObject({ status: 201, body: { entitlementId: expected } });
    expect(again).toEqual(first);
  });

  it('answers 400 naming the header for an unusable key, before calling the gateway', async () => {
    const { client, seen } = fakeGateway({});
    const answer = await handlePurchase(client, { ...alice, idempotencyKey: 'x'.repeat(300) });
    expect(answer).toMatchObject({
      status: 400,
      body: { code: 'INVALID_REQUEST', field: 'Idempotency-Key' },
    });
    expect(seen).toEqual([]);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED when the key was used for another product', async () => {
    const id = await deriveEntitlementId(key);
    const { client } = fakeGateway({
      [CREATE]: () => ({ status: 409, body: { resultCode: 'DUPLICATE_ENTITLEMENT_ID' } }),
      [LIST]: () => listed(entitlement({ _id: id, accountId: 'account-alice', productId: 'P0' })),
    });
    const answer = await handlePurchase(client, { ...alice, idempotencyKey: 'buy-42' });
    expect(answer).toMatchObject({
      status: 422,
      body: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key', correlationId: 'c-1' },
    });
  });

  it('answers 503 PURCHASE_OUTCOME_UNKNOWN with the entitlement id and retry-after, never a plain "try again"', async () => {
    const errors: unknown[] = [];
    const { client } = fakeGateway({
      [CREATE]: () => ({ status: 503, body: 'no healthy upstream' }),
      [LIST]: () => listed(),
    });
    const answer = await handlePurchase(
      client,
      { ...alice, idempotencyKey: 'buy-42' },
      { onError: (error) => void errors.push(error) },
    );
    expect(answer).toEqual({
      status: 503,
      headers: { 'retry-after': '2' },
      body: {
        code: 'PURCHASE_OUTCOME_UNKNOWN',
        message: expect.any(String),
        correlationId: 'c-1',
        entitlementId: await deriveEntitlementId(key),
      },
    });
    expect(errors).toHaveLength(1);
  });
});
