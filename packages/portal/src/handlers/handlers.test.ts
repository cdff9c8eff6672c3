import { describe, expect, it } from 'vitest';
import { createRequestGatewayBinder } from '../request-gateway.js';
import { entitlement, fakeGateway, listed } from '../../test/fake-gateway.js';
import { handleActivationLink } from './activation-link.js';
import { handleCancel, handleResume, handleSuspend } from './entitlement-actions.js';
import { handleListEntitlements } from './list-entitlements.js';
import { handlePurchase } from './purchase.js';

const LIST = 'GET /crm-gateway/v1/rmg/v1/entitlements';
const CREATE = 'POST /crm-gateway/v2/rmg/v1/entitlements';
const ACTIONS = 'POST /tpes/v1/operator/entitlements/';
const alice = { accountId: 'account-alice', correlationId: 'c-1' };

describe('handlePurchase', () => {
  it('buys for the given account, ignoring an accountId in the body, duplicate purchases prohibited by default', async () => {
    const { client, seen } = fakeGateway({ [CREATE]: () => ({ status: 201, body: { _id: 'e-new' } }) });
    const answer = await handlePurchase(client, {
      ...alice,
      body: { productId: 'Netflix_EU_B_BUNDLE_BASIC', accountId: 'account-bob' },
    });
    expect(answer).toEqual({
      status: 201,
      body: { entitlementId: 'e-new', status: 'PENDING', correlationId: 'c-1' },
    });
    const create = seen.find((r) => r.method === 'POST');
    expect(create?.body).toMatchObject({
      accountId: 'account-alice',
      productId: 'Netflix_EU_B_BUNDLE_BASIC',
    });
    expect(create?.url.searchParams.get('prohibitDuplicateProductPurchase')).toBe('true');
  });

  it('lets the portal allow duplicate purchases', async () => {
    const { client, seen } = fakeGateway({ [CREATE]: () => ({ status: 201, body: { _id: 'e-new' } }) });
    await handlePurchase(
      client,
      { ...alice, body: { productId: 'P1' } },
      { prohibitDuplicateProductPurchase: false },
    );
    expect(seen[0]?.url.searchParams.get('prohibitDuplicateProductPurchase')).not.toBe('true');
  });

  it('checks productId before calling the gateway', async () => {
    const { client, seen } = fakeGateway({});
    const tooLong = await handlePurchase(client, { ...alice, body: { productId: 'x'.repeat(257) } });
    expect(tooLong).toMatchObject({ status: 400, body: { field: 'productId', correlationId: 'c-1' } });
    expect(seen).toEqual([]);
  });
});

describe('correlation id', () => {
  it.each([
    ['the one the client is bound to', 'c-bound', 'c-bound'],
    ['another one given in the input', 'c-input', 'c-input'],
  ])('sends %s to OPF', async (_label, inputId, expected) => {
    const { client, seen } = fakeGateway({ [CREATE]: () => ({ status: 201, body: { _id: 'e-new' } }) });
    const { gateway } = createRequestGatewayBinder({ client }).bind({ correlationId: 'c-bound' }, {});
    const answer = await handlePurchase(gateway, {
      accountId: 'account-alice',
      correlationId: inputId,
      body: { productId: 'P1' },
    });
    expect(seen[0]?.headers.get('x-correlation-id')).toBe(expected);
    expect(answer.body).toMatchObject({ correlationId: expected });
  });
});

describe('handleListEntitlements', () => {
  it("lists the account's entitlements in the portal's shape", async () => {
    const { client, seen } = fakeGateway({
      [LIST]: () =>
        listed(
          entitlement(),
          entitlement({ _id: 'e-2', status: 'PENDING', created: undefined, modified: undefined }),
        ),
    });
    const answer = await handleListEntitlements(client, alice);
    expect(answer).toEqual({
      status: 200,
      body: {
        entitlements: [
          {
            entitlementId: 'e-1',
            productId: 'Netflix_EU_B_BUNDLE_BASIC',
            status: 'ACTIVE',
            createdAt: '2026-11-26T10:00:00.000Z',
            updatedAt: '2026-11-26T11:00:00.000Z',
          },
          { entitlementId: 'e-2', productId: 'Netflix_EU_B_BUNDLE_BASIC', status: 'PENDING' },
        ],
        correlationId: 'c-1',
      },
    });
    const filter = JSON.parse(seen[0]?.url.searchParams.get('filter') ?? '{}') as Record<string, string>;
    expect(filter).toMatchObject({ accountId: 'account-alice', productType: 'THIRDPARTY' });
  });
});

describe('entitlement routes', () => {
  it('answers 400 naming entitlementId for an id that cannot exist, without calling the gateway', async () => {
    const { client, seen } = fakeGateway({});
    const answer = await handleSuspend(client, { ...alice, entitlementId: 'a\u0007b' });
    expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', field: 'entitlementId' } });
    expect(seen).toEqual([]);
  });

  it.each([
    ['another account', { accountId: 'account-bob' }],
    ['a product that is not third-party', { productType: 'SUBSCRIPTION' }],
  ])('answers 404 for an entitlement of %s, without acting', async (_label, fields) => {
    const { client, seen } = fakeGateway({ [LIST]: () => listed(entitlement(fields)) });
    const answer = await handleActivationLink(client, { ...alice, entitlementId: 'e-1' });
    expect(answer).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', correlationId: 'c-1' } });
    expect(seen.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('answers 202 with accepted when OPF waits for the third party', async () => {
    const { client } = fakeGateway({
      [LIST]: () => listed(entitlement({ status: 'SUSPENDED' })),
      [ACTIONS]: () => ({ status: 202, body: { entitlementId: 'e-1' } }),
    });
    const answer = await handleResume(client, { ...alice, entitlementId: 'e-1' });
    expect(answer).toEqual({
      status: 202,
      body: { entitlementId: 'e-1', accepted: true, correlationId: 'c-1' },
    });
  });

  it("resumes with the entitlement's own product", async () => {
    const { client, seen } = fakeGateway({
      [LIST]: () => listed(entitlement({ status: 'SUSPENDED', productId: 'DisneyPlus_EU_STANDARD' })),
      [ACTIONS]: () => ({ status: 200, body: { entitlementId: 'e-1', status: 'ACTIVE' } }),
    });
    await handleResume(client, { ...alice, entitlementId: 'e-1' });
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({ productId: 'DisneyPlus_EU_STANDARD' });
  });

  it('cancels with category CUSTOMER_CANCELLED and the chosen code and description', async () => {
    const { client, seen } = fakeGateway({
      [LIST]: () => listed(entitlement()),
      [ACTIONS]: () => ({ status: 200, body: { entitlementId: 'e-1', status: 'ACTIVE-ENDING' } }),
    });
    const answer = await handleCancel(client, {
      ...alice,
      entitlementId: 'e-1',
      body: { reason: 'CHANGED_SERVICE', description: 'Moving to another offer' },
    });
    expect(answer).toMatchObject({ status: 200, body: { status: 'ACTIVE-ENDING' } });
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      cancelReasonCategory: 'CUSTOMER_CANCELLED',
      cancelReasonCode: 'CHANGED_SERVICE',
      cancelReasonDescription: 'Moving to another offer',
    });
  });

  it.each<[string, unknown, string]>([
    ['a reason outside the list', { reason: 'FRAUD' }, 'reason'],
    ['a numeric reason', { reason: 1 }, 'reason'],
    ['a description too long', { description: 'x'.repeat(501) }, 'description'],
    ['a numeric description', { description: 5 }, 'description'],
    ['a body that is not an object', 'cancel please', 'body'],
  ])('refuses a cancel with %s', async (_label, body, field) => {
    const { client, seen } = fakeGateway({});
    const answer = await handleCancel(client, { ...alice, entitlementId: 'e-1', body });
    expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', field } });
    expect(seen).toEqual([]);
  });

  it('takes the allowed cancel reasons from the settings, the first being the default', async () => {
    const { client, seen } = fakeGateway({
      [LIST]: () => listed(entitlement()),
      [ACTIONS]: () => ({ status: 200, body: { entitlementId: 'e-1', status: 'ACTIVE-ENDING' } }),
    });
    const settings = { cancelReasons: ['OTHER', 'NOT_RENEWED'] };
    await handleCancel(client, { ...alice, entitlementId: 'e-1' }, settings);
    expect(seen.find((r) => r.method === 'POST')?.body).toMatchObject({ cancelReasonCode: 'OTHER' });
    const refused = await handleCancel(
      client,
      { ...alice, entitlementId: 'e-1', body: { reason: 'CUSTOMER_CANCELLED' } },
      settings,
    );
    expect(refused).toMatchObject({ status: 400, body: { field: 'reason' } });
  });

  it('reports 5xx answers to onError, not 4xx ones', async () => {
    const reported: { correlationId: string; status: number }[] = [];
    const onError = (_error: unknown, context: { correlationId: string; status: number }) =>
      void reported.push(context);
    const { client } = fakeGateway({
      [LIST]: () => ({ status: 503, body: { resultCode: 'X', result: 'down' } }),
    });
    const down = await handleSuspend(client, { ...alice, entitlementId: 'e-1' }, { onError });
    expect(down.status).toBe(502);
    expect(reported).toEqual([{ correlationId: 'c-1', status: 502 }]);
    const { client: other } = fakeGateway({ [LIST]: () => listed() });
    const missing = await handleSuspend(other, { ...alice, entitlementId: 'e-1' }, { onError });
    expect(missing.status).toBe(404);
    expect(reported).toHaveLength(1);
  });
});
