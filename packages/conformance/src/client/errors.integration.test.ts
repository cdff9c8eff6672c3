import type { Emulator } from '@crm-gateway/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  clientFor,
  DISNEY,
  gatewayCalls,
  launchEmulator,
  NETFLIX_BASIC,
  tokenCalls,
} from './emulator-harness.js';
import type { CrmGatewayClient } from '@crm-gateway/client';
import {
  AuthError,
  BadRequestError,
  ConflictError,
  EntitlementIdInUseError,
  ConnectionError,
  EntitlementNotFoundError,
  ForbiddenError,
  ServerError,
  TenantNotFoundError,
  TimeoutError,
} from '@crm-gateway/client';

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

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('every error status of the emulator, as typed errors', () => {
  test('403 token error: a user without operatorRole → ForbiddenError after exactly one fresh-token retry', async () => {
    const viewer = clientFor(emulator, {
      auth: {
        tokenUrl: emulator.tokenUrl,
        clientId: 'crm_client',
        username: 'viewer_user',
        password: 'viewer-password',
      },
    });
    const error = await failure(viewer.entitlements.list({}, { correlationId: 'viewer-1' }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({
      status: 403,
      resultCode: '99999:403',
      correlationId: 'viewer-1',
      operation: 'listEntitlements',
    });
    expect(gatewayCalls(emulator, 'viewer-1')).toEqual([
      { status: 403, operationId: 'listEntitlements' },
      { status: 403, operationId: 'listEntitlements' },
    ]);
  });

  test('404 tenant', async () => {
    const error = await failure(
      client.entitlements.list({}, { tenantId: 'no-such-tenant', correlationId: 't-1' }),
    );
    expect(error).toBeInstanceOf(TenantNotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'TENANT_NOT_FOUND', correlationId: 't-1' });
    const purchase = await failure(
      client
        .withContext({ tenantId: 'no-such-tenant' })
        .entitlements.purchaseThirdPartyProduct({ accountId: 'a', productId: 'p' }),
    );
    expect(purchase).toBeInstanceOf(TenantNotFoundError);
  });

  test('404 entitlement, on every entitlement method', async () => {
    const id = 'does-not-exist';
    const calls: [string, () => Promise<unknown>][] = [
      ['getActivationInfo', () => client.entitlements.getActivationInfo(id)],
      ['get', () => client.entitlements.get(id)],
      ['updateStatus', () => client.entitlements.updateStatus(id, { status: 'SUSPENDED' })],
      ['suspend', () => client.entitlements.suspend(id)],
      ['resume', () => client.entitlements.resume(id, { productId: NETFLIX_BASIC })],
      ['cancel', () => client.entitlements.cancel(id, { category: 'CUSTOMER_CANCELLED', code: 'OTHER' })],
      ['revoke', () => client.entitlements.revoke(id, { category: 'REVOKED', code: 'FRAUD' })],
      ['changeProduct', () => client.entitlements.changeProduct(id, { productId: NETFLIX_BASIC })],
      ['recover', () => client.entitlements.recover(id)],
      ['delete', () => client.entitlements.delete(id)],
    ];
    for (const [name, call] of calls) {
      const error = await failure(call());
      expect(error, name).toBeInstanceOf(EntitlementNotFoundError);
      expect((error as EntitlementNotFoundError).status, name).toBe(404);
    }
  });

  test('400 with the offending fields', async () => {
    const error = await failure(
      client.entitlements.purchaseThirdPartyProduct({ accountId: 'account-zed', productId: NETFLIX_BASIC }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, resultCode: 'UNKNOWN_ACCOUNT' });
    expect((error as BadRequestError).fields.map((f) => f.field)).toEqual(['body/accountId']);
    const notThirdParty = await failure(
      client.entitlements.purchaseThirdPartyProduct({ accountId: 'account-alice', productId: 'SPORTS_PACK' }),
    );
    expect((notThirdParty as BadRequestError).fields.map((f) => f.field)).toEqual(['body/productId']);
    const { entitlementId } = await client.entitlements.purchaseThirdPartyProduct({
      accountId: 'account-alice',
      productId: DISNEY,
    });
    const transition = await failure(client.entitlements.suspend(entitlementId));
    expect(transition).toMatchObject({ code: 'BAD_REQUEST', resultCode: 'INVALID_TRANSITION' });
    await emulator.activate(entitlementId);
    const notPending = await failure(client.entitlements.getActivationInfo(entitlementId));
    expect(notPending).toMatchObject({ code: 'BAD_REQUEST', resultCode: 'NOT_PENDING' });
    // What the client cannot refuse itself (the gateway's schema) comes back through client.api with every field.
    const raw = await client.api.POST('/crm-gateway/v2/rmg/v1/entitlements', {
      body: { productType: 'THIRDPARTY', productId: 'bad\u0007id', accountId: '', status: 'PENDING' },
    });
    expect(raw.response.status).toBe(400);
    // (`error` is typed JSON or text: a 503 from SSP's front end may be plain text.)
    const details = typeof raw.error === 'object' && 'details' in raw.error ? raw.error.details : undefined;
    expect(details?.map((d) => d.field).sort()).toEqual(['body/accountId', 'body/productId']);
  });

  test('conflicts: a duplicate product purchase, and an entitlement id of another purchase', async () => {
    await client.entitlements.purchaseThirdPartyProduct({
      accountId: 'account-alice',
      productId: NETFLIX_BASIC,
      entitlementId: 'taken-1',
    });
    const duplicate = await failure(
      client.entitlements.purchaseThirdPartyProduct({
        accountId: 'account-alice',
        productId: NETFLIX_BASIC,
        prohibitDuplicateProductPurchase: true,
      }),
    );
    expect(duplicate).toBeInstanceOf(ConflictError);
    expect(duplicate).toMatchObject({ status: 400, resultCode: 'DUPLICATE_PRODUCT_PURCHASE' });
    const stolenId = await failure(
      client.entitlements.purchaseThirdPartyProduct({
        accountId: 'account-bob',
        productId: DISNEY,
        entitlementId: 'taken-1',
      }),
    );
    expect(stolenId).toBeInstanceOf(EntitlementIdInUseError);
    expect(stolenId).toMatchObject({ code: 'ENTITLEMENT_ID_IN_USE', entitlementId: 'taken-1' });
    expect(emulator.getState().entitlements).toHaveLength(1);
    // The same purchase with the same id is a success (idempotent replay), without a second entitlement.
    await expect(
      client.entitlements.purchaseThirdPartyProduct({
        accountId: 'account-alice',
        productId: NETFLIX_BASIC,
        entitlementId: 'taken-1',
      }),
    ).resolves.toMatchObject({ entitlementId: 'taken-1', status: 'PENDING' });
    expect(emulator.getState().entitlements).toHaveLength(1);
  });

  test('server errors, timeouts and connection errors once the retries are spent', async () => {
    // A per-attempt timeout well above a loaded machine's answer time, well below the injected latency.
    const quick = clientFor(emulator, { maxRetries: 1, timeoutMs: 1_000 });
    emulator.setFaults({ listEntitlements: { status: 503 } });
    const server = await failure(quick.entitlements.list({}, { correlationId: 's-1' }));
    expect(server).toBeInstanceOf(ServerError);
    expect(server).toMatchObject({ status: 503, correlationId: 's-1' });
    expect(gatewayCalls(emulator, 's-1')).toHaveLength(2);
    // SSP's front end answers a plain-text 503: the same ServerError, the text kept as the body.
    emulator.setFaults({ listEntitlements: { status: 503, body: 'text' } });
    const text = await failure(quick.entitlements.list({}, { correlationId: 's-2' }));
    expect(text).toBeInstanceOf(ServerError);
    expect(text).toMatchObject({ status: 503, correlationId: 's-2', body: 'no healthy upstream' });
    expect(gatewayCalls(emulator, 's-2')).toHaveLength(2);
    emulator.setFaults({ listEntitlements: { latencyMs: 3_000 } });
    await expect(quick.entitlements.list()).rejects.toBeInstanceOf(TimeoutError);
    emulator.setFaults({ listEntitlements: { reset: 'before-commit' } });
    await expect(quick.entitlements.list()).rejects.toBeInstanceOf(ConnectionError);
    emulator.clearFaults();
  });

  test('token endpoint failures: AuthError with the OAuth code, never the password', async () => {
    const wrong = clientFor(emulator, {
      auth: {
        tokenUrl: emulator.tokenUrl,
        clientId: 'crm_client',
        username: 'crm_client_user',
        password: 'wrong-password-xyz',
      },
    });
    const error = await failure(wrong.entitlements.list());
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ oauthError: 'invalid_grant', status: 400 });
    expect(JSON.stringify(error)).not.toContain('wrong-password-xyz');
    expect(String(error)).not.toContain('wrong-password-xyz');
    const badSecret = clientFor(emulator, {
      auth: { tokenUrl: emulator.tokenUrl, clientId: 'crm_service', clientSecret: 'not-the-secret-123' },
    });
    const invalidClient = await failure(badSecret.entitlements.list());
    expect(invalidClient).toMatchObject({ code: 'AUTH_ERROR', oauthError: 'invalid_client', status: 401 });
    expect(JSON.stringify(invalidClient)).not.toContain('not-the-secret-123');
    const before = tokenCalls(emulator);
    emulator.setFaults({ getAccessToken: { status: 503 } });
    const outage = await failure(clientFor(emulator, { maxRetries: 1 }).entitlements.list());
    expect(outage).toMatchObject({ code: 'AUTH_ERROR', status: 503 });
    expect(tokenCalls(emulator) - before).toBe(2);
    emulator.clearFaults();
  });
});
