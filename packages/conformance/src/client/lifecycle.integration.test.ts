import type { Emulator } from '@crm-gateway/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  clientFor,
  DISNEY,
  gatewayCalls,
  launchEmulator,
  NETFLIX_BASIC,
  NETFLIX_PREMIUM,
  SERVICE_AUTH,
} from './emulator-harness.js';
import type { CrmGatewayClient } from '@crm-gateway/client';
import type { Entitlement } from '@crm-gateway/client';

let emulator: Emulator;
let client: CrmGatewayClient;

beforeAll(async () => {
  emulator = await launchEmulator();
  client = clientFor(emulator);
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

describe('every method against the emulator over HTTP', () => {
  test('purchase → activation info → activate → get / list / iterate', async () => {
    const purchase = await client.entitlements.purchaseThirdPartyProduct(
      { accountId: 'account-alice', productId: NETFLIX_BASIC },
      { correlationId: 'purchase-1' },
    );
    expect(purchase).toMatchObject({ status: 'PENDING', correlationId: 'purchase-1' });
    expect(emulator.getState().entitlements.map((e) => e._id)).toEqual([purchase.entitlementId]);
    expect(emulator.getState().requests.find((r) => r.correlationId === 'purchase-1')?.tenantId).toBe(
      'tenant1',
    );

    const info = await client.entitlements.getActivationInfo(purchase.entitlementId);
    expect(info.entitlementId).toBe(purchase.entitlementId);
    expect(info.url).toMatch(new RegExp(`^${emulator.url}/bango/activate/`));
    expect(info.action).toBe('NAVIGATE_TO_URL');

    const activation = await fetch(info.url);
    expect(activation.status).toBe(200);
    const entitlement = await client.entitlements.get(purchase.entitlementId);
    expect(entitlement).toMatchObject({
      entitlementId: purchase.entitlementId,
      accountId: 'account-alice',
      productId: NETFLIX_BASIC,
      productType: 'THIRDPARTY',
      status: 'ACTIVE',
    });

    await client.entitlements.purchaseThirdPartyProduct({ accountId: 'account-alice', productId: DISNEY });
    await client.entitlements.purchaseThirdPartyProduct({ accountId: 'account-bob', productId: DISNEY });
    const alice = await client.entitlements.list({ accountId: 'account-alice', sort: { created: 1 } });
    expect(alice.totalRecords).toBe(2);
    expect(alice.entitlements.map((e) => e.productId)).toEqual([NETFLIX_BASIC, DISNEY]);
    const pending = await client.entitlements.list({ status: 'PENDING', fields: ['status'] });
    expect(pending.totalRecords).toBe(2);
    expect(pending.entitlements.every((e) => e.status === 'PENDING')).toBe(true);
    const page = await client.entitlements.list({ limit: 1, page: 2, sort: { created: 1 } });
    expect(page.totalRecords).toBe(3);
    expect(page.entitlements).toHaveLength(1);
    const counted = await client.entitlements.list({ limit: 0 });
    expect(counted).toMatchObject({ totalRecords: 3, entitlements: [] });

    const seen: Entitlement[] = [];
    for await (const e of client.entitlements.iterate({ pageSize: 2 }, { correlationId: 'iterate-1' }))
      seen.push(e);
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((e) => e.entitlementId)).size).toBe(3);
    expect(gatewayCalls(emulator, 'iterate-1')).toHaveLength(2);
  });

  test('suspend → resume → changeProduct → updateStatus → cancel, then revoke another one', async () => {
    const { entitlementId } = await client.entitlements.purchaseThirdPartyProduct({
      accountId: 'account-alice',
      productId: NETFLIX_BASIC,
    });
    await emulator.activate(entitlementId);
    const suspended = await client.entitlements.suspend(entitlementId);
    expect(suspended).toMatchObject({ entitlementId, accepted: false });
    expect((await client.entitlements.get(entitlementId)).status).toBe('SUSPENDED');
    await client.entitlements.resume(entitlementId, { productId: NETFLIX_BASIC });
    expect((await client.entitlements.get(entitlementId)).status).toBe('ACTIVE');
    await client.entitlements.changeProduct(entitlementId, { productId: NETFLIX_PREMIUM });
    expect((await client.entitlements.get(entitlementId)).productId).toBe(NETFLIX_PREMIUM);
    const updated = await client.entitlements.updateStatus(entitlementId, {
      status: 'SUSPENDED',
      reasonCode: 'PAYMENT_LATE',
      reasonCategory: 'BILLING',
    });
    expect(updated).toMatchObject({ entitlementId, status: 'SUSPENDED', accepted: false });
    await client.entitlements.updateStatus(entitlementId, { status: 'ACTIVE' });
    const cancelled = await client.entitlements.cancel(entitlementId, {
      category: 'CUSTOMER_CANCELLED',
      code: 'NOT_RENEWED',
      description: 'The user did not renew',
    });
    expect(cancelled.entitlementId).toBe(entitlementId);
    const afterCancel = await client.entitlements.get(entitlementId);
    expect(['ACTIVE-ENDING', 'CANCELLED']).toContain(afterCancel.status);

    const other = await client.entitlements.purchaseThirdPartyProduct({
      accountId: 'account-bob',
      productId: DISNEY,
    });
    await emulator.activate(other.entitlementId);
    await client.entitlements.revoke(other.entitlementId, {
      category: 'REVOKED',
      code: 'ACCOUNT_TERMINATED',
    });
    expect((await client.entitlements.get(other.entitlementId)).status).toBe('REVOKED');
  });

  test('recover, delete, deleteAllForAccount', async () => {
    const first = await client.entitlements.purchaseThirdPartyProduct({
      accountId: 'account-carol',
      productId: NETFLIX_BASIC,
    });
    await emulator.activate(first.entitlementId);
    const recovery = await client.entitlements.recover(first.entitlementId);
    expect(recovery.recoveryUrl).toMatch(/^https?:\/\//);
    const deleted = await client.entitlements.delete(first.entitlementId);
    expect(deleted.deletedCount).toBe(1);
    await expect(client.entitlements.get(first.entitlementId)).rejects.toMatchObject({
      code: 'ENTITLEMENT_NOT_FOUND',
    });

    await client.entitlements.purchaseThirdPartyProduct({
      accountId: 'account-carol',
      productId: NETFLIX_BASIC,
    });
    await client.entitlements.purchaseThirdPartyProduct({ accountId: 'account-carol', productId: DISNEY });
    await client.entitlements.purchaseThirdPartyProduct({ accountId: 'account-bob', productId: DISNEY });
    const all = await client.entitlements.deleteAllForAccount('account-carol');
    expect(all.deletedCount).toBe(2);
    expect(emulator.getState().entitlements.map((e) => e.accountId)).toEqual(['account-bob']);
  });

  test('client.api reaches any operation without passing the client-filled headers', async () => {
    const created = await client.api.POST('/crm-gateway/v2/rmg/v1/entitlements', {
      body: {
        productType: 'THIRDPARTY',
        productId: DISNEY,
        accountId: 'account-bob',
        status: 'PENDING',
        _id: 'api-1',
      },
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toEqual({ _id: 'api-1' });
    const listed = await client.api.GET('/crm-gateway/v1/rmg/v1/entitlements', {
      params: { query: { filter: '{"_id":"api-1"}' } },
    });
    expect(listed.data?.resourceSet?.[0]?._id).toBe('api-1');
    const info = await client.api.GET('/tpes/v1/operator/entitlements/{entitlementId}/activationinfo', {
      params: { path: { entitlementId: 'api-1' }, header: { 'x-correlation-id': 'api-corr' } },
    });
    expect(info.data?.parameters.url).toContain('/bango/activate/');
    expect(gatewayCalls(emulator, 'api-corr')).toEqual([{ status: 200, operationId: 'getActivationInfo' }]);
    const missing = await client.api.DELETE('/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}', {
      params: { path: { entitlementId: 'nope-1' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ resultCode: 'ENTITLEMENT_NOT_FOUND' });
  });

  test('client credentials and the keycloakUrl form work too', async () => {
    const service = clientFor(emulator, { auth: { tokenUrl: emulator.tokenUrl, ...SERVICE_AUTH } });
    await expect(service.entitlements.list()).resolves.toMatchObject({ totalRecords: 0 });
    const keycloak = clientFor(emulator, {
      auth: { keycloakUrl: `${emulator.url}/keycloak/auth`, realm: emulator.realm, ...SERVICE_AUTH },
    });
    await expect(keycloak.entitlements.list()).resolves.toMatchObject({ totalRecords: 0 });
  });
});
