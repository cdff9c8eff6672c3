import { randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import type { Emulator } from '../types.js';
import {
  LIST_PATH,
  PURCHASE_PATH,
  gatewayHeaders,
  passwordToken,
  purchase,
  purchaseBody,
} from '../../test/http.js';
import { expectSpecResponse } from '../../test/spec-responses.js';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator();
  token = await passwordToken(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const ENTITLEMENT = (id: string) => `/crm-gateway/v2/rmg/v1/entitlements/${id}`;
const ACTION = (id: string, action: string) => `/tpes/v1/operator/entitlements/${id}/actions/${action}`;
const ACTIVATION_INFO = (id: string) => `/tpes/v1/operator/entitlements/${id}/activationinfo`;

async function call(
  operationId: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = gatewayHeaders(token),
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const json = (await response.json()) as Record<string, unknown>;
  expectSpecResponse(operationId, response.status, json);
  return { status: response.status, body: json };
}

async function newEntitlement(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await purchase(emulator, token, purchaseBody(overrides));
  expect(response.status).toBe(201);
  return ((await response.json()) as { _id: string })._id;
}

async function activeEntitlement(overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await newEntitlement(overrides);
  await emulator.activate(id);
  return id;
}

const CANCEL_REASON = { cancelReasonCategory: 'CUSTOMER_CANCELLED', cancelReasonCode: 'NOT_RENEWED' };

describe('checks in the gateway order: token, tenant, schema, entitlement, rules', () => {
  it('403 99999:403 without a token, with a bad signature, an expired token or no operatorRole', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ typ: 'Bearer', realm_access: { roles: ['operatorRole'] } })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(`${emulator.url}/keycloak/auth/realms/nagra`)
      .setExpirationTime('5m')
      .setJti(randomUUID())
      .sign(privateKey);
    const viewer = await passwordToken(emulator, {
      clientId: 'crm_client',
      username: 'viewer_user',
      password: 'viewer-password',
    });
    const shortLived = await startEmulator({ accessTokenLifetimeSec: 1 });
    const expiring = await passwordToken(shortLived);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await fetch(`${shortLived.url}${LIST_PATH}`, { headers: gatewayHeaders(expiring) });
    expect(expired.status).toBe(403);
    await shortLived.close();
    const cases: Record<string, string> = {
      none: '',
      garbage: 'Bearer not-a-jwt',
      forged: `Bearer ${forged}`,
      viewer: `Bearer ${viewer}`,
      basic: 'Basic abc',
    };
    for (const [name, authorization] of Object.entries(cases)) {
      const headers = gatewayHeaders(token, { authorization });
      const { status, body } = await call(
        'createThirdPartyEntitlement',
        'POST',
        PURCHASE_PATH,
        purchaseBody(),
        headers,
      );
      expect(status, name).toBe(403);
      expect(body.resultCode).toBe('99999:403');
      expect(body.requestId).toBe(headers['x-correlation-id']);
    }
    expect(emulator.getState().entitlements).toHaveLength(0);
  });

  it('a token check comes before the tenant and the schema', async () => {
    const headers = gatewayHeaders('bad', { 'nv-tenant-id': 'nope' });
    const { status } = await call(
      'createThirdPartyEntitlement',
      'POST',
      PURCHASE_PATH,
      { junk: true },
      headers,
    );
    expect(status).toBe(403);
  });

  it('404 TENANT_NOT_FOUND for an unknown nv-tenant-id, before the schema', async () => {
    const headers = gatewayHeaders(token, { 'nv-tenant-id': 'tenant-x' });
    const { status, body } = await call(
      'createThirdPartyEntitlement',
      'POST',
      PURCHASE_PATH,
      { junk: true },
      headers,
    );
    expect(status).toBe(404);
    expect(body.resultCode).toBe('TENANT_NOT_FOUND');
  });

  it('400 VALIDATION_FAILED naming every offending header, query and body field', async () => {
    const headers = gatewayHeaders(token);
    delete headers['x-correlation-id'];
    delete headers['nv-tenant-id'];
    const { status, body } = await call(
      'createThirdPartyEntitlement',
      'POST',
      `${PURCHASE_PATH}?prohibitDuplicateProductPurchase=maybe`,
      { productType: 'OTHER', accountId: 'has\u0007control', status: 'ACTIVE', extra: 1 },
      headers,
    );
    expect(status).toBe(400);
    expect(body.resultCode).toBe('VALIDATION_FAILED');
    // ErrorBody's resultCode, result and requestId are always there (a new id when none was sent).
    expect(body.requestId).toEqual(expect.any(String));
    expect(body.result).toEqual(expect.any(String));
    const fields = (body.details as { field: string }[]).map((detail) => detail.field).sort();
    expect(fields).toEqual(
      [
        'body/accountId',
        'body/extra',
        'body/productId',
        'body/productType',
        'body/status',
        'header/nv-tenant-id',
        'header/x-correlation-id',
        'query/prohibitDuplicateProductPurchase',
      ].sort(),
    );
  });

  it('400 naming body for a body that is not JSON, and for a missing body', async () => {
    const bad = await call('createThirdPartyEntitlement', 'POST', PURCHASE_PATH, '{"productId":');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'body', message: 'must be valid JSON' }]);
    const missing = await call('createThirdPartyEntitlement', 'POST', PURCHASE_PATH);
    expect(missing.status).toBe(400);
    expect((missing.body.details as { field: string }[])[0]?.field).toBe('body');
  });

  it('404 ENTITLEMENT_NOT_FOUND comes after the schema check', async () => {
    const invalid = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT('nope'), { status: 'NOPE' });
    expect(invalid.status).toBe(400);
    const missing = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT('nope'), {
      status: 'SUSPENDED',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.resultCode).toBe('ENTITLEMENT_NOT_FOUND');
  });
});

describe('createThirdPartyEntitlement', () => {
  it('201 {_id} with a generated id, stored PENDING', async () => {
    const { status, body } = await call('createThirdPartyEntitlement', 'POST', PURCHASE_PATH, purchaseBody());
    expect(status).toBe(201);
    expect(body._id).toMatch(/^[0-9a-f]{24}$/);
    const [stored] = emulator.getState().entitlements;
    expect(stored).toMatchObject({
      _id: body._id,
      status: 'PENDING',
      accountId: 'account-alice',
      tenantId: 'tenant1',
    });
    expect(stored?.activationUrl).toMatch(new RegExp(`^${emulator.url}/bango/activate/`));
  });

  it('uses a given _id; a replay with the same body creates nothing; a different body is DUPLICATE_ENTITLEMENT_ID', async () => {
    const first = await call(
      'createThirdPartyEntitlement',
      'POST',
      PURCHASE_PATH,
      purchaseBody({ _id: 'abc1234' }),
    );
    expect(first).toEqual({ status: 201, body: { _id: 'abc1234' } });
    const replay = await call(
      'createThirdPartyEntitlement',
      'POST',
      PURCHASE_PATH,
      // same body, other key order
      {
        status: 'PENDING',
        _id: 'abc1234',
        accountId: 'account-alice',
        productId: 'Netflix_EU_B_BUNDLE_BASIC',
        productType: 'THIRDPARTY',
      },
    );
    expect(replay).toEqual({ status: 201, body: { _id: 'abc1234' } });
    const other = await call(
      'createThirdPartyEntitlement',
      'POST',
      PURCHASE_PATH,
      purchaseBody({ _id: 'abc1234', accountId: 'account-bob' }),
    );
    expect(other.status).toBe(400);
    expect(other.body.resultCode).toBe('DUPLICATE_ENTITLEMENT_ID');
    expect(emulator.getState().entitlements).toHaveLength(1);
  });

  it("duplicateIdPolicy 'reject' refuses any known _id", async () => {
    const strict = await startEmulator({ duplicateIdPolicy: 'reject' });
    try {
      const strictToken = await passwordToken(strict);
      expect((await purchase(strict, strictToken, purchaseBody({ _id: 'x1' }))).status).toBe(201);
      const again = await purchase(strict, strictToken, purchaseBody({ _id: 'x1' }));
      expect(again.status).toBe(400);
      expect(((await again.json()) as { resultCode: string }).resultCode).toBe('DUPLICATE_ENTITLEMENT_ID');
      expect(strict.getState().entitlements).toHaveLength(1);
    } finally {
      await strict.close();
    }
  });

  it('400 UNKNOWN_ACCOUNT, UNKNOWN_PRODUCT, NOT_THIRD_PARTY', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ accountId: 'account-zed' }, 'UNKNOWN_ACCOUNT', 'body/accountId'],
      [{ productId: 'Nope' }, 'UNKNOWN_PRODUCT', 'body/productId'],
      [{ productId: 'SPORTS_PACK' }, 'NOT_THIRD_PARTY', 'body/productId'],
    ];
    for (const [overrides, code, field] of cases) {
      const { status, body } = await call(
        'createThirdPartyEntitlement',
        'POST',
        PURCHASE_PATH,
        purchaseBody(overrides),
      );
      expect(status).toBe(400);
      expect(body.resultCode).toBe(code);
      expect((body.details as { field: string }[])[0]?.field).toBe(field);
    }
    expect(emulator.getState().entitlements).toHaveLength(0);
  });

  it('prohibitDuplicateProductPurchase=true refuses a second live entitlement, not a cancelled one', async () => {
    const first = await newEntitlement();
    const second = await call(
      'createThirdPartyEntitlement',
      'POST',
      `${PURCHASE_PATH}?prohibitDuplicateProductPurchase=true`,
      purchaseBody(),
    );
    expect(second.status).toBe(400);
    expect(second.body.resultCode).toBe('DUPLICATE_PRODUCT_PURCHASE');
    const allowed = await call(
      'createThirdPartyEntitlement',
      'POST',
      `${PURCHASE_PATH}?prohibitDuplicateProductPurchase=false`,
      purchaseBody(),
    );
    expect(allowed.status).toBe(201);
    await call('cancelEntitlement', 'POST', ACTION(first, 'cancel'), CANCEL_REASON);
    await call('cancelEntitlement', 'POST', ACTION(allowed.body._id as string, 'cancel'), CANCEL_REASON);
    const afterCancel = await call(
      'createThirdPartyEntitlement',
      'POST',
      `${PURCHASE_PATH}?prohibitDuplicateProductPurchase=true`,
      purchaseBody(),
    );
    expect(afterCancel.status).toBe(201);
  });
});

describe('listEntitlements', () => {
  it('200 with filter, sort, limit, page and fields; limit=0 gives only totalRecords', async () => {
    const a = await newEntitlement({ _id: 'e1' });
    await newEntitlement({ _id: 'e2', accountId: 'account-bob' });
    await newEntitlement({ _id: 'e3', productId: 'DisneyPlus_EU_STANDARD' });
    await emulator.activate(a);
    const all = await call(
      'listEntitlements',
      'GET',
      `${LIST_PATH}?filter=${encodeURIComponent('{"productType":"THIRDPARTY"}')}`,
    );
    expect(all.body.totalRecords).toBe(3);
    const byAccount = await call(
      'listEntitlements',
      'GET',
      `${LIST_PATH}?filter=${encodeURIComponent('{"accountId":"account-bob"}')}`,
    );
    expect((byAccount.body.resourceSet as { _id: string }[]).map((e) => e._id)).toEqual(['e2']);
    const byStatus = await call(
      'listEntitlements',
      'GET',
      `${LIST_PATH}?filter=${encodeURIComponent('{"status":"ACTIVE","_id":"e1"}')}`,
    );
    expect(byStatus.body.totalRecords).toBe(1);
    const byProduct = await call(
      'listEntitlements',
      'GET',
      `${LIST_PATH}?filter=${encodeURIComponent('{"productId":"DisneyPlus_EU_STANDARD"}')}`,
    );
    expect((byProduct.body.resourceSet as { _id: string }[])[0]?._id).toBe('e3');
    const sorted = await call(
      'listEntitlements',
      'GET',
      `${LIST_PATH}?sort=${encodeURIComponent('{"_id":-1}')}&limit=2&page=1`,
    );
    expect(sorted.body.totalRecords).toBe(3);
    expect((sorted.body.resourceSet as { _id: string }[]).map((e) => e._id)).toEqual(['e3', 'e2']);
    const page2 = await call(
      'listEntitlements',
      'GET',
      `${LIST_PATH}?sort=${encodeURIComponent('{"_id":-1}')}&limit=2&page=2`,
    );
    expect((page2.body.resourceSet as { _id: string }[]).map((e) => e._id)).toEqual(['e1']);
    const countOnly = await call('listEntitlements', 'GET', `${LIST_PATH}?limit=0`);
    expect(countOnly.body).toEqual({ totalRecords: 3 });
    const response = await fetch(
      `${emulator.url}${LIST_PATH}?fields=status&filter=${encodeURIComponent('{"_id":"e1"}')}`,
      {
        headers: gatewayHeaders(token),
      },
    );
    expect(await response.json()).toEqual({
      totalRecords: 1,
      resourceSet: [{ _id: 'e1', status: 'ACTIVE' }],
    });
  });

  it('400 naming query/filter, query/sort, query/limit, query/page, query/fields', async () => {
    const cases: [string, string][] = [
      ['filter={bad', 'query/filter'],
      [`filter=${encodeURIComponent('{"created":"x"}')}`, 'query/filter'],
      [`filter=${encodeURIComponent('[1,2]')}`, 'query/filter'],
      [`sort=${encodeURIComponent('{"created":2}')}`, 'query/sort'],
      ['limit=-1', 'query/limit'],
      ['limit=1001', 'query/limit'],
      ['page=0', 'query/page'],
      ['fields=nope', 'query/fields'],
    ];
    for (const [query, field] of cases) {
      const { status, body } = await call('listEntitlements', 'GET', `${LIST_PATH}?${query}`);
      expect(status, query).toBe(400);
      expect((body.details as { field: string }[]).map((d) => d.field)).toContain(field);
    }
  });

  it('403 and 404 like every operation', async () => {
    expect((await call('listEntitlements', 'GET', LIST_PATH, undefined, gatewayHeaders('x'))).status).toBe(
      403,
    );
    expect(
      (
        await call(
          'listEntitlements',
          'GET',
          LIST_PATH,
          undefined,
          gatewayHeaders(token, { 'nv-tenant-id': 'no' }),
        )
      ).status,
    ).toBe(404);
  });
});

describe('updateEntitlementStatus (decision 14)', () => {
  it('200 with matched/modified counts; same status is a no-op', async () => {
    const id = await activeEntitlement();
    const suspend = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT(id), {
      status: 'SUSPENDED',
      reasonCode: 'R1',
    });
    expect(suspend).toEqual({ status: 200, body: { matchedCount: 1, modifiedCount: 1 } });
    const again = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT(id), { status: 'SUSPENDED' });
    expect(again.body).toEqual({ matchedCount: 1, modifiedCount: 0 });
    const resume = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT(id), {
      status: 'ACTIVE',
      productId: 'Netflix_EU_B_BUNDLE_BASIC',
      accountId: 'account-alice',
      productType: 'THIRDPARTY',
    });
    expect(resume.body.modifiedCount).toBe(1);
    const cancel = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT(id), {
      status: 'CANCELLED',
      ...CANCEL_REASON,
    });
    expect(cancel.body.modifiedCount).toBe(1);
    expect(emulator.getState().entitlements[0]).toMatchObject({
      status: 'CANCELLED',
      reasonCode: 'NOT_RENEWED',
    });
  });

  it('400 INVALID_TRANSITION for impossible moves', async () => {
    const pending = await newEntitlement();
    const active = await activeEntitlement({ accountId: 'account-bob' });
    const cases: [string, string][] = [
      [pending, 'ACTIVE'],
      [pending, 'SUSPENDED'],
      [active, 'PENDING'],
      [active, 'SUBSCRIBED'],
      [active, 'UNSUBSCRIBED'],
    ];
    for (const [id, status] of cases) {
      const answer = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT(id), { status });
      expect(answer.status, status).toBe(400);
      expect(answer.body.resultCode).toBe('INVALID_TRANSITION');
    }
    await call('updateEntitlementStatus', 'PUT', ENTITLEMENT(active), { status: 'REVOKED' });
    const fromTerminal = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT(active), {
      status: 'ACTIVE',
    });
    expect(fromTerminal.body.resultCode).toBe('INVALID_TRANSITION');
  });

  it('400 naming body fields that do not match the entitlement', async () => {
    const id = await activeEntitlement();
    const answer = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT(id), {
      status: 'SUSPENDED',
      accountId: 'account-bob',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.details).toEqual([
      { field: 'body/accountId', message: "must be the entitlement's accountId (account-alice)" },
    ]);
  });
});

describe('TPES actions', () => {
  it('suspend, resume, cancel (soft: ACTIVE-ENDING), resume from ACTIVE-ENDING, revoke: 200 ActionResult', async () => {
    const id = await activeEntitlement();
    const steps: [string, string, unknown, string][] = [
      ['suspendEntitlement', 'suspend', undefined, 'SUSPENDED'],
      ['resumeEntitlement', 'resume', { productId: 'Netflix_EU_B_BUNDLE_BASIC' }, 'ACTIVE'],
      ['cancelEntitlement', 'cancel', CANCEL_REASON, 'ACTIVE-ENDING'],
      ['cancelEntitlement', 'cancel', CANCEL_REASON, 'ACTIVE-ENDING'],
      ['resumeEntitlement', 'resume', { productId: 'Netflix_EU_B_BUNDLE_BASIC' }, 'ACTIVE'],
      [
        'revokeEntitlement',
        'revoke',
        { cancelReasonCategory: 'REVOKED', cancelReasonCode: 'FRAUD' },
        'REVOKED',
      ],
      [
        'revokeEntitlement',
        'revoke',
        { cancelReasonCategory: 'REVOKED', cancelReasonCode: 'FRAUD' },
        'REVOKED',
      ],
    ];
    for (const [operationId, action, body, status] of steps) {
      const answer = await call(operationId, 'POST', ACTION(id, action), body);
      expect(answer, `${action} -> ${status}`).toEqual({
        status: 200,
        body: { entitlementId: id, status, productId: 'Netflix_EU_B_BUNDLE_BASIC' },
      });
    }
    const statuses = emulator.getState().deliveries.map((delivery) => delivery.body.status);
    expect(statuses).toEqual([
      'PENDING',
      'ACTIVE',
      'SUSPENDED',
      'ACTIVE',
      'ACTIVE-ENDING',
      'ACTIVE',
      'REVOKED',
    ]);
  });

  it('cancel of a PENDING entitlement ends it (CANCELLED); actions on a final entitlement are INVALID_TRANSITION', async () => {
    const id = await newEntitlement();
    const cancel = await call('cancelEntitlement', 'POST', ACTION(id, 'cancel'), CANCEL_REASON);
    expect(cancel.body.status).toBe('CANCELLED');
    for (const [operationId, action, body] of [
      ['suspendEntitlement', 'suspend', undefined],
      ['resumeEntitlement', 'resume', { productId: 'Netflix_EU_B_BUNDLE_BASIC' }],
      ['changeEntitlementProduct', 'changeProduct', { productId: 'Netflix_EU_B_BUNDLE_PREMIUM' }],
      ['recoverEntitlement', 'recover', undefined],
    ] as [string, string, unknown][]) {
      const answer = await call(operationId, 'POST', ACTION(id, action), body);
      expect(answer.status, action).toBe(400);
      expect(answer.body.resultCode).toBe('INVALID_TRANSITION');
    }
    const revoke = await call('revokeEntitlement', 'POST', ACTION(id, 'revoke'), {
      cancelReasonCategory: 'REVOKED',
      cancelReasonCode: 'FRAUD',
    });
    expect(revoke.body.resultCode).toBe('INVALID_TRANSITION');
  });

  it('400 on bad action bodies (cancel reason codes, resume product)', async () => {
    const id = await activeEntitlement();
    const badReason = await call('cancelEntitlement', 'POST', ACTION(id, 'cancel'), {
      cancelReasonCategory: 'lower case',
    });
    expect((badReason.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'body/cancelReasonCategory',
      'body/cancelReasonCode',
    ]);
    const openEnum = await call('cancelEntitlement', 'POST', ACTION(id, 'cancel'), {
      cancelReasonCategory: 'PARTNER_SPECIFIC',
      cancelReasonCode: 'SOME_NEW_CODE',
    });
    expect(openEnum.status).toBe(200);
    const wrongProduct = await call('resumeEntitlement', 'POST', ACTION(id, 'resume'), {
      productId: 'DisneyPlus_EU_STANDARD',
    });
    expect(wrongProduct.status).toBe(400);
    expect((wrongProduct.body.details as { field: string }[])[0]?.field).toBe('body/productId');
  });

  it('changeProduct: 200 with the new product; unknown or non-third-party products refused', async () => {
    const id = await activeEntitlement();
    const changed = await call('changeEntitlementProduct', 'POST', ACTION(id, 'changeProduct'), {
      productId: 'Netflix_EU_B_BUNDLE_PREMIUM',
    });
    expect(changed.body).toEqual({
      entitlementId: id,
      status: 'ACTIVE',
      productId: 'Netflix_EU_B_BUNDLE_PREMIUM',
    });
    const last = emulator.getState().deliveries.at(-1)?.body;
    expect(last).toMatchObject({
      productId: 'Netflix_EU_B_BUNDLE_PREMIUM',
      previousProductId: 'Netflix_EU_B_BUNDLE_BASIC',
    });
    expect(
      (await call('changeEntitlementProduct', 'POST', ACTION(id, 'changeProduct'), { productId: 'Nope' }))
        .body.resultCode,
    ).toBe('UNKNOWN_PRODUCT');
    expect(
      (
        await call('changeEntitlementProduct', 'POST', ACTION(id, 'changeProduct'), {
          productId: 'SPORTS_PACK',
        })
      ).body.resultCode,
    ).toBe('NOT_THIRD_PARTY');
    const pending = await newEntitlement({ accountId: 'account-bob' });
    const refused = await call('changeEntitlementProduct', 'POST', ACTION(pending, 'changeProduct'), {
      productId: 'Netflix_EU_B_BUNDLE_PREMIUM',
    });
    expect(refused.body.resultCode).toBe('INVALID_TRANSITION');
  });

  it('recover: 200 with a recovery URL the emulator serves', async () => {
    const id = await activeEntitlement();
    const answer = await call('recoverEntitlement', 'POST', ACTION(id, 'recover'));
    expect(answer.status).toBe(200);
    const page = await fetch(answer.body.recoveryUrl as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(id);
  });

  it('every action: 403, 404 tenant, 404 entitlement', async () => {
    const actions: [string, string, unknown][] = [
      ['suspendEntitlement', 'suspend', undefined],
      ['resumeEntitlement', 'resume', { productId: 'p' }],
      ['cancelEntitlement', 'cancel', CANCEL_REASON],
      ['revokeEntitlement', 'revoke', CANCEL_REASON],
      ['recoverEntitlement', 'recover', undefined],
      ['changeEntitlementProduct', 'changeProduct', { productId: 'p' }],
    ];
    for (const [operationId, action, body] of actions) {
      expect(
        (await call(operationId, 'POST', ACTION('nope', action), body, gatewayHeaders('bad'))).status,
      ).toBe(403);
      const tenant = await call(
        operationId,
        'POST',
        ACTION('nope', action),
        body,
        gatewayHeaders(token, { 'nv-tenant-id': 'x' }),
      );
      expect(tenant.body.resultCode).toBe('TENANT_NOT_FOUND');
      const missing = await call(operationId, 'POST', ACTION('nope', action), body);
      expect(missing.status, operationId).toBe(404);
      expect(missing.body.resultCode).toBe('ENTITLEMENT_NOT_FOUND');
      const badId = await call(operationId, 'POST', ACTION('bad%07id', action), body);
      expect(badId.status).toBe(400);
      expect((badId.body.details as { field: string }[])[0]?.field).toBe('path/entitlementId');
    }
  });
});

describe('getActivationInfo', () => {
  it('200 renews the URL (same entitlement, new token); 400 NOT_PENDING once active; 404 unknown', async () => {
    const id = await newEntitlement();
    const before = emulator.getState().entitlements[0]?.activationUrl;
    const info = await call('getActivationInfo', 'GET', ACTIVATION_INFO(id));
    expect(info.status).toBe(200);
    const parameters = info.body.parameters as { url: string; urlExpiry: string; action: string };
    expect(info.body.entitlementId).toBe(id);
    expect(parameters.action).toBe('NAVIGATE_TO_URL');
    expect(parameters.url).not.toBe(before);
    expect(Date.parse(parameters.urlExpiry)).toBeGreaterThan(Date.now());
    expect((await fetch(before as string)).status).toBe(410);
    await emulator.activate(id);
    const notPending = await call('getActivationInfo', 'GET', ACTIVATION_INFO(id));
    expect(notPending.status).toBe(400);
    expect(notPending.body.resultCode).toBe('NOT_PENDING');
    expect((await call('getActivationInfo', 'GET', ACTIVATION_INFO('nope'))).body.resultCode).toBe(
      'ENTITLEMENT_NOT_FOUND',
    );
    expect(
      (await call('getActivationInfo', 'GET', ACTIVATION_INFO('nope'), undefined, gatewayHeaders('x')))
        .status,
    ).toBe(403);
    expect(
      (
        await call(
          'getActivationInfo',
          'GET',
          ACTIVATION_INFO(id),
          undefined,
          gatewayHeaders(token, { 'nv-tenant-id': 'x' }),
        )
      ).status,
    ).toBe(404);
  });
});

describe('deleteEntitlement and deleteAccountEntitlements', () => {
  it('200 deletedCount; 404 for an unknown entitlement; deletion notifies with deleted: true', async () => {
    const id = await activeEntitlement();
    const answer = await call('deleteEntitlement', 'DELETE', ENTITLEMENT(id));
    expect(answer).toEqual({ status: 200, body: { deletedCount: 1 } });
    expect(emulator.getState().entitlements).toHaveLength(0);
    expect(emulator.getState().deliveries.at(-1)?.body).toMatchObject({
      deleted: true,
      status: 'ACTIVE',
      sequence: 3,
    });
    const again = await call('deleteEntitlement', 'DELETE', ENTITLEMENT(id));
    expect(again.status).toBe(404);
    expect(again.body.resultCode).toBe('ENTITLEMENT_NOT_FOUND');
    expect(
      (await call('deleteEntitlement', 'DELETE', ENTITLEMENT(id), undefined, gatewayHeaders('x'))).status,
    ).toBe(403);
    expect((await call('deleteEntitlement', 'DELETE', ENTITLEMENT('bad%0Aid'))).status).toBe(400);
  });

  it('deletes every entitlement of an account (0 when none); 400 UNKNOWN_ACCOUNT', async () => {
    await newEntitlement();
    await newEntitlement({ productId: 'DisneyPlus_EU_STANDARD' });
    await newEntitlement({ accountId: 'account-bob' });
    const path = '/crm-gateway/v2/rmg/v1/entitlements/account/account-alice';
    expect(await call('deleteAccountEntitlements', 'DELETE', path)).toEqual({
      status: 200,
      body: { deletedCount: 2 },
    });
    expect(await call('deleteAccountEntitlements', 'DELETE', path)).toEqual({
      status: 200,
      body: { deletedCount: 0 },
    });
    expect(emulator.getState().entitlements.map((e) => e.accountId)).toEqual(['account-bob']);
    const unknown = await call(
      'deleteAccountEntitlements',
      'DELETE',
      '/crm-gateway/v2/rmg/v1/entitlements/account/zed',
    );
    expect(unknown.body.resultCode).toBe('UNKNOWN_ACCOUNT');
    expect(
      (await call('deleteAccountEntitlements', 'DELETE', path, undefined, gatewayHeaders('x'))).status,
    ).toBe(403);
    expect(
      (
        await call(
          'deleteAccountEntitlements',
          'DELETE',
          path,
          undefined,
          gatewayHeaders(token, { 'nv-tenant-id': 'x' }),
        )
      ).status,
    ).toBe(404);
  });
});

describe('request log', () => {
  it('records every request with operationId, status, correlation id and tenant', async () => {
    const headers = gatewayHeaders(token, { 'x-correlation-id': 'corr-log-1' });
    await fetch(`${emulator.url}${LIST_PATH}`, { headers });
    expect(emulator.getState().requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: LIST_PATH,
        operationId: 'listEntitlements',
        status: 200,
        correlationId: 'corr-log-1',
        tenantId: 'tenant1',
      }),
    ]);
  });
});
