// Issue 12 (the spec as a living contract): every answer here is checked against the spec's response schema
// (objects closed), so each test proves the spec declares what the emulator answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../cli-args.js';
import { startEmulator } from '../start-emulator.js';
import type { Emulator } from '../types.js';
import { LIST_PATH, PURCHASE_PATH, gatewayHeaders, passwordToken, purchaseBody } from '../../test/http.js';
import { expectSpecResponse } from '../../test/spec-responses.js';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator();
  token = await passwordToken(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const TPES_PURCHASE_PATH = '/tpes/v1/operator/entitlements';
const ENTITLEMENT = (id: string) => `/crm-gateway/v2/rmg/v1/entitlements/${encodeURIComponent(id)}`;
const TPES = (id: string, rest: string) => `/tpes/v1/operator/entitlements/${encodeURIComponent(id)}/${rest}`;

async function call(
  operationId: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = gatewayHeaders(token),
  target: Emulator = emulator,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${target.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json()) as Record<string, unknown>;
  expectSpecResponse(operationId, response.status, json);
  return { status: response.status, body: json };
}

describe('listEntitlements with fields answers projections the spec declares (decision 11)', () => {
  it('records with only the fields asked for plus _id validate against EntitlementList', async () => {
    await call('createThirdPartyEntitlement', 'POST', PURCHASE_PATH, purchaseBody({ _id: 'p1' }));
    const { status, body } = await call('listEntitlements', 'GET', `${LIST_PATH}?fields=status`);
    expect(status).toBe(200);
    expect(body.resourceSet).toEqual([{ _id: 'p1', status: 'PENDING' }]);
  });
});

describe('ErrorBody always carries resultCode, result and requestId', () => {
  it('on 403, 404 and 400, with or without a correlation id', async () => {
    const noCorrelation = gatewayHeaders('bad');
    delete noCorrelation['x-correlation-id'];
    const forbidden = await call('listEntitlements', 'GET', LIST_PATH, undefined, noCorrelation);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ resultCode: '99999:403', requestId: expect.any(String) });
    const tenant = await call(
      'listEntitlements',
      'GET',
      LIST_PATH,
      undefined,
      gatewayHeaders(token, { 'nv-tenant-id': 'nope', 'x-correlation-id': 'corr-1' }),
    );
    // The list's 404 is declared as "tenant or entitlement" (the GET page), told apart by resultCode.
    expect(tenant).toMatchObject({
      status: 404,
      body: { resultCode: 'TENANT_NOT_FOUND', requestId: 'corr-1' },
    });
  });
});

describe('ids: any non-empty text without control characters, percent-encoded in paths (decision 17)', () => {
  it('an id with spaces, slashes and non-ASCII letters works through create, list, PUT, TPES and DELETE', async () => {
    const id = 'ent 1/ü?#%.x';
    const created = await call(
      'createThirdPartyEntitlement',
      'POST',
      PURCHASE_PATH,
      purchaseBody({ _id: id }),
    );
    expect(created).toEqual({ status: 201, body: { _id: id } });
    const listed = await call(
      'listEntitlements',
      'GET',
      `${LIST_PATH}?filter=${encodeURIComponent(JSON.stringify({ _id: id }))}`,
    );
    expect((listed.body.resourceSet as { _id: string }[]).map((e) => e._id)).toEqual([id]);
    const info = await call('getActivationInfo', 'GET', TPES(id, 'activationinfo'));
    expect(info.body.entitlementId).toBe(id);
    await emulator.activate(id);
    const suspended = await call('suspendEntitlement', 'POST', TPES(id, 'actions/suspend'));
    expect(suspended.body).toMatchObject({ entitlementId: id, status: 'SUSPENDED' });
    const put = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT(id), { status: 'ACTIVE' });
    expect(put.body).toEqual({ matchedCount: 1, modifiedCount: 1 });
    expect((await call('deleteEntitlement', 'DELETE', ENTITLEMENT(id))).body).toEqual({ deletedCount: 1 });
  });

  it('refuses control characters and ids over 256 characters', async () => {
    for (const id of ['a\u0007b', 'x'.repeat(257)]) {
      const answer = await call(
        'createThirdPartyEntitlement',
        'POST',
        PURCHASE_PATH,
        purchaseBody({ _id: id }),
      );
      expect(answer.status).toBe(400);
      expect((answer.body.details as { field: string }[])[0]?.field).toBe('body/_id');
    }
  });
});

describe('createTpesEntitlement (deployments without SSP)', () => {
  it('200 {entitlementId, status}; a replay with the same _id creates nothing; CRM-25.26 answers 202', async () => {
    const first = await call(
      'createTpesEntitlement',
      'POST',
      TPES_PURCHASE_PATH,
      purchaseBody({ _id: 't1' }),
    );
    expect(first).toEqual({ status: 200, body: { entitlementId: 't1', status: 'PENDING' } });
    const again = await call(
      'createTpesEntitlement',
      'POST',
      TPES_PURCHASE_PATH,
      purchaseBody({ _id: 't1' }),
    );
    expect(again).toEqual(first);
    // The CRM editions' body (validFrom/expiryDate, no status) is accepted too.
    const crmBody: Record<string, unknown> = {
      ...purchaseBody({ accountId: 'account-bob' }),
      validFrom: '2025-09-01T13:47:59.228Z',
    };
    delete crmBody.status;
    const crm = await call('createTpesEntitlement', 'POST', TPES_PURCHASE_PATH, crmBody);
    expect(crm.status).toBe(200);
    expect(emulator.getState().entitlements).toHaveLength(2);
    emulator.setEdition('crm-25.26');
    const pending = await call(
      'createTpesEntitlement',
      'POST',
      TPES_PURCHASE_PATH,
      purchaseBody({ _id: 't2', productId: 'DisneyPlus_EU_STANDARD' }),
    );
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({ entitlementId: 't2', parameters: { action: 'NAVIGATE_TO_URL' } });
  });

  it('403, 404 tenant and 400 like the SSP path', async () => {
    expect(
      (await call('createTpesEntitlement', 'POST', TPES_PURCHASE_PATH, purchaseBody(), gatewayHeaders('x')))
        .status,
    ).toBe(403);
    const tenant = await call(
      'createTpesEntitlement',
      'POST',
      TPES_PURCHASE_PATH,
      purchaseBody(),
      gatewayHeaders(token, { 'nv-tenant-id': 'nope' }),
    );
    expect(tenant.body.resultCode).toBe('TENANT_NOT_FOUND');
    const bad = await call('createTpesEntitlement', 'POST', TPES_PURCHASE_PATH, {
      productType: 'THIRDPARTY',
    });
    expect(bad.status).toBe(400);
  });
});

describe('cancel reasons: category → code pairing, and required on PUT CANCELLED (CRM-25.12)', () => {
  it('PUT CANCELLED without cancelReasonCategory / cancelReasonCode is 400 naming both', async () => {
    await call('createThirdPartyEntitlement', 'POST', PURCHASE_PATH, purchaseBody({ _id: 'c1' }));
    const answer = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT('c1'), { status: 'CANCELLED' });
    expect(answer.status).toBe(400);
    const fields = (answer.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['body/cancelReasonCategory', 'body/cancelReasonCode']);
  });

  it('a documented code under another documented category is refused; an undocumented code stays open', async () => {
    await call('createThirdPartyEntitlement', 'POST', PURCHASE_PATH, purchaseBody({ _id: 'c2' }));
    const mismatch = await call('cancelEntitlement', 'POST', TPES('c2', 'actions/cancel'), {
      cancelReasonCategory: 'CUSTOMER_CHANGED',
      cancelReasonCode: 'NOT_RENEWED',
    });
    expect(mismatch.status).toBe(400);
    expect((mismatch.body.details as { field: string }[]).map((d) => d.field)).toContain(
      'body/cancelReasonCode',
    );
    const put = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT('c2'), {
      status: 'CANCELLED',
      cancelReasonCategory: 'REVOKED',
      cancelReasonCode: 'NOT_RENEWED',
    });
    expect(put.status).toBe(400);
    const open = await call('cancelEntitlement', 'POST', TPES('c2', 'actions/cancel'), {
      cancelReasonCategory: 'CUSTOMER_CHANGED',
      cancelReasonCode: 'CUSTOMER_CANCELLED_ADDON',
    });
    expect(open.status).toBe(200);
  });
});

describe("Bango's FAILED status", () => {
  it('is a status of the spec, set by the third party only: PUT FAILED is INVALID_TRANSITION', async () => {
    await call('createThirdPartyEntitlement', 'POST', PURCHASE_PATH, purchaseBody({ _id: 'f1' }));
    const answer = await call('updateEntitlementStatus', 'PUT', ENTITLEMENT('f1'), { status: 'FAILED' });
    expect(answer).toMatchObject({ status: 400, body: { resultCode: 'INVALID_TRANSITION' } });
  });
});

describe('prohibitDuplicateProductPurchase: the emulator takes either meaning (decision 1, unconfirmed)', () => {
  const second = (target: Emulator, query: string, id: string) =>
    call(
      'createThirdPartyEntitlement',
      'POST',
      `${PURCHASE_PATH}${query}`,
      purchaseBody({ _id: id }),
      gatewayHeaders(token),
      target,
    );

  it("'prohibits' (default): true refuses a second live entitlement, false allows it", async () => {
    await second(emulator, '', 'd1');
    expect((await second(emulator, '?prohibitDuplicateProductPurchase=false', 'd2')).status).toBe(201);
    const refused = await second(emulator, '?prohibitDuplicateProductPurchase=true', 'd3');
    expect(refused).toMatchObject({ status: 400, body: { resultCode: 'DUPLICATE_PRODUCT_PURCHASE' } });
  });

  it("'allows' (the seed page's sentence): false and the default refuse, true allows", async () => {
    const allows = await startEmulator({ duplicateFlag: 'allows' });
    try {
      const allowsToken = await passwordToken(allows);
      const send = (query: string, id: string) =>
        call(
          'createThirdPartyEntitlement',
          'POST',
          `${PURCHASE_PATH}${query}`,
          purchaseBody({ _id: id }),
          gatewayHeaders(allowsToken),
          allows,
        );
      expect((await send('', 'a1')).status).toBe(201);
      expect((await send('', 'a2')).body.resultCode).toBe('DUPLICATE_PRODUCT_PURCHASE');
      expect((await send('?prohibitDuplicateProductPurchase=false', 'a3')).status).toBe(400);
      expect((await send('?prohibitDuplicateProductPurchase=true', 'a4')).status).toBe(201);
    } finally {
      await allows.close();
    }
  });

  it('startEmulator and the CLI check the option', async () => {
    await expect(startEmulator({ duplicateFlag: 'maybe' as never })).rejects.toThrow(
      'options.duplicateFlag must be "prohibits" or "allows"',
    );
    expect((await parseCliArgs(['--duplicate-flag', 'allows'])).options.duplicateFlag).toBe('allows');
    await expect(parseCliArgs(['--duplicate-flag', 'yes'])).rejects.toThrow(
      '--duplicate-flag must be "prohibits" or "allows" (got "yes")',
    );
  });
});
