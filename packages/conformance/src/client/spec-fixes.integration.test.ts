// Issue 12 (the spec as a living contract), the client's side, over real HTTP: free ids percent-encoded in paths,
// the TPES deployment mode, the explicit duplicate flag, cancel-reason pairing, and error bodies without OPF's
// fields.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '@crm-gateway/emulator';
import {
  CANCEL_REASON_CODES_BY_CATEGORY,
  createCrmGatewayClient,
  ENTITLEMENT_STATUSES,
  ForbiddenError,
  TenantNotFoundError,
  BadRequestError,
} from '@crm-gateway/client';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { clientFor, DISNEY, gatewayCalls, launchEmulator, NETFLIX_BASIC } from './emulator-harness.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await launchEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe('ids: any id OPF returns can be passed back (decision 17)', () => {
  test('an id with a space, slashes, "?", "#", "%" and non-ASCII letters goes through every path', async () => {
    const client = clientFor(emulator);
    const id = 'ent 1/ü?#%.x';
    const purchase = await client.entitlements.purchaseThirdPartyProduct({
      accountId: 'account-alice',
      productId: NETFLIX_BASIC,
      entitlementId: id,
    });
    expect(purchase.entitlementId).toBe(id);
    expect((await client.entitlements.getActivationInfo(id)).entitlementId).toBe(id);
    await emulator.activate(id);
    await expect(client.entitlements.suspend(id)).resolves.toMatchObject({
      entitlementId: id,
      status: 'SUSPENDED',
    });
    await expect(client.entitlements.updateStatus(id, { status: 'ACTIVE' })).resolves.toMatchObject({
      status: 'ACTIVE',
    });
    expect((await client.entitlements.list({ entitlementId: id })).entitlements).toHaveLength(1);
    await expect(client.entitlements.delete(id)).resolves.toMatchObject({ deletedCount: 1 });
    // Every call reached its operation: nothing was cut at a "/" or "?" of the id.
    expect(gatewayCalls(emulator).every((call) => call.status < 300)).toBe(true);
  });

  test('"." and ".." and control characters are refused before any request', async () => {
    const client = clientFor(emulator);
    for (const id of ['.', '..', 'a\nb']) {
      await expect(client.entitlements.suspend(id)).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
        field: 'entitlementId',
      });
    }
    expect(gatewayCalls(emulator)).toHaveLength(0);
  });
});

describe("deployment 'tpes': purchases go to POST /tpes/v1/operator/entitlements", () => {
  test('the TPES answer (entitlementId, 200) is read; a replay creates nothing; other calls are unchanged', async () => {
    const client = clientFor(emulator, { deployment: 'tpes' });
    const input = { accountId: 'account-alice', productId: NETFLIX_BASIC, entitlementId: 'tpes-1' };
    const purchase = await client.entitlements.purchaseThirdPartyProduct(input);
    expect(purchase).toMatchObject({ entitlementId: 'tpes-1', status: 'PENDING' });
    await expect(client.entitlements.purchaseThirdPartyProduct(input)).resolves.toMatchObject({
      entitlementId: 'tpes-1',
    });
    expect(emulator.getState().entitlements).toHaveLength(1);
    const purchases = emulator
      .getState()
      .requests.filter((r) => r.method === 'POST' && r.path.endsWith('/entitlements'));
    expect(purchases.map((r) => [r.path, r.operationId])).toEqual([
      ['/tpes/v1/operator/entitlements', 'createTpesEntitlement'],
      ['/tpes/v1/operator/entitlements', 'createTpesEntitlement'],
    ]);
    await expect(client.entitlements.getActivationInfo('tpes-1')).resolves.toMatchObject({
      entitlementId: 'tpes-1',
    });
  });

  test("'ssp' is the default, and an unknown deployment is refused", () => {
    expect(() => clientFor(emulator, { deployment: 'cloud' as never })).toThrow(/deployment/);
  });
});

describe('prohibitDuplicateProductPurchase is always sent (decision 1, meaning unconfirmed)', () => {
  test("against an emulator started with the seed page's meaning ('allows'), the default false refuses a duplicate", async () => {
    const allows = await launchEmulator({ duplicateFlag: 'allows' });
    try {
      const client = clientFor(allows);
      const buy = (prohibitDuplicateProductPurchase?: boolean) =>
        client.entitlements.purchaseThirdPartyProduct({
          accountId: 'account-alice',
          productId: DISNEY,
          ...(prohibitDuplicateProductPurchase === undefined ? {} : { prohibitDuplicateProductPurchase }),
        });
      await buy();
      await expect(failure(buy())).resolves.toMatchObject({
        code: 'CONFLICT',
        resultCode: 'DUPLICATE_PRODUCT_PURCHASE',
      });
      await expect(buy(true)).resolves.toMatchObject({ status: 'PENDING' });
    } finally {
      await allows.close();
    }
  });

  test("against the default meaning ('prohibits'), the default false allows a second purchase", async () => {
    const client = clientFor(emulator);
    const input = { accountId: 'account-alice', productId: DISNEY };
    await client.entitlements.purchaseThirdPartyProduct(input);
    await client.entitlements.purchaseThirdPartyProduct(input);
    await expect(
      failure(
        client.entitlements.purchaseThirdPartyProduct({ ...input, prohibitDuplicateProductPurchase: true }),
      ),
    ).resolves.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('cancel reasons: pairing, and required with PUT CANCELLED', () => {
  test('the client refuses a documented code under another category, and CANCELLED without a reason', async () => {
    const client = clientFor(emulator);
    const { entitlementId } = await client.entitlements.purchaseThirdPartyProduct({
      accountId: 'account-alice',
      productId: NETFLIX_BASIC,
    });
    const before = gatewayCalls(emulator).length;
    await expect(
      client.entitlements.cancel(entitlementId, { category: 'CUSTOMER_CHANGED', code: 'NOT_RENEWED' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'reason.code' });
    await expect(
      client.entitlements.updateStatus(entitlementId, { status: 'CANCELLED' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'update.cancelReasonCategory',
    });
    expect(gatewayCalls(emulator)).toHaveLength(before);
    expect(CANCEL_REASON_CODES_BY_CATEGORY.CUSTOMER_CHANGED).toContain('CHANGED_SERVICE');
    // A code outside NAGRA's table stays open; a paired reason is accepted by the emulator's spec check.
    await expect(
      client.entitlements.updateStatus(entitlementId, {
        status: 'CANCELLED',
        cancelReasonCategory: 'CUSTOMER_CHANGED',
        cancelReasonCode: 'CHANGED_SERVICE',
      }),
    ).resolves.toMatchObject({ status: 'CANCELLED' });
    expect(ENTITLEMENT_STATUSES).toContain('FAILED');
  });
});

describe('list with fields: projected records', () => {
  test('records carry the fields asked for and the id', async () => {
    const client = clientFor(emulator);
    await client.entitlements.purchaseThirdPartyProduct({
      accountId: 'account-alice',
      productId: NETFLIX_BASIC,
      entitlementId: 'proj-1',
    });
    const { entitlements } = await client.entitlements.list({ fields: ['status'] });
    expect(entitlements).toHaveLength(1);
    expect(entitlements[0]).toMatchObject({ status: 'PENDING' });
    expect(entitlements[0]).not.toHaveProperty('accountId');
  });
});

describe("error bodies without OPF's fields (SSP's front end) are tolerated", () => {
  let server: Server;
  let baseUrl: string;
  const answers: { status: number; type: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url?.includes('/openid-connect/token')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ access_token: 'a', expires_in: 300, token_type: 'Bearer' }));
        return;
      }
      const answer = answers.shift() ?? { status: 500, type: 'text/plain', body: 'none left' };
      response.writeHead(answer.status, { 'content-type': answer.type });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('401 http-error, plain-text 404 and a 400 without requestId map to their error classes', async () => {
    const client = createCrmGatewayClient({
      baseUrl,
      tenantId: 'tenant1',
      auth: {
        tokenUrl: `${baseUrl}/keycloak/auth/realms/nagra/protocol/openid-connect/token`,
        clientId: 'c',
        username: 'u',
        password: 'p',
      },
      maxRetries: 0,
    });
    const httpError = {
      status: 401,
      type: 'application/json',
      body: JSON.stringify({
        'http-error': { 'http-status-code': 401, 'http-reason-phrase': 'Unauthorized' },
      }),
    };
    // (The client renews its token and retries once after an auth failure: two 401s.)
    answers.push(
      httpError,
      httpError,
      { status: 404, type: 'text/plain', body: 'Not Found' },
      { status: 400, type: 'application/json', body: JSON.stringify({ result: 'bad' }) },
    );
    const unauthorized = await failure(client.entitlements.list());
    expect(unauthorized).toBeInstanceOf(ForbiddenError);
    expect(unauthorized).toMatchObject({ status: 401, resultCode: undefined });
    const notFound = await failure(client.entitlements.list());
    expect(notFound).toBeInstanceOf(TenantNotFoundError);
    expect(notFound).toMatchObject({ status: 404, resultCode: undefined });
    const bad = await failure(client.entitlements.list());
    expect(bad).toBeInstanceOf(BadRequestError);
  });
});
