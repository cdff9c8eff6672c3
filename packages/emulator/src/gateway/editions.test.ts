import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorError } from '../errors.js';
import { startEmulator } from '../start-emulator.js';
import { PURCHASE_PATH, gatewayHeaders, passwordToken, purchaseBody } from '../../test/http.js';
import { expectSpecNotification, expectSpecResponse } from '../../test/spec-responses.js';
import type { Edition, Emulator } from '../types.js';

const ENTITLEMENT = (id: string) => `/crm-gateway/v2/rmg/v1/entitlements/${id}`;
const ACTION = (id: string, action: string) => `/tpes/v1/operator/entitlements/${id}/actions/${action}`;
const ACTIVATION_INFO = (id: string) => `/tpes/v1/operator/entitlements/${id}/activationinfo`;

/** Plain fetch; every answer is checked against the spec's response schema for its status. */
async function call(
  emulator: Emulator,
  token: string,
  operationId: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: gatewayHeaders(token),
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json()) as Record<string, unknown>;
  expectSpecResponse(operationId, response.status, json);
  return { status: response.status, body: json };
}

const buy = (emulator: Emulator, token: string, overrides: Record<string, unknown> = {}) =>
  call(emulator, token, 'createThirdPartyEntitlement', 'POST', PURCHASE_PATH, purchaseBody(overrides));

function stored(emulator: Emulator, id: string) {
  const entitlement = emulator.getState().entitlements.find((e) => e._id === id);
  if (!entitlement) throw new Error(`entitlement ${id} is not stored`);
  return entitlement;
}

function lastNotification(emulator: Emulator, id: string) {
  const bodies = emulator
    .getState()
    .deliveries.filter((d) => d.entitlementId === id)
    .map((d) => d.body);
  const last = bodies.at(-1);
  if (!last) throw new Error(`no notification for ${id}`);
  expectSpecNotification(last);
  return last;
}

describe("edition 'crm-25.26' (startEmulator option)", () => {
  let emulator: Emulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startEmulator({ edition: 'crm-25.26' });
    token = await passwordToken(emulator);
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  it('purchase answers 202 EntitlementCreatedPendingActivation with the working activation URL', async () => {
    const { status, body } = await buy(emulator, token);
    expect(status).toBe(202);
    expect(Object.keys(body).sort()).toEqual([
      'entitlementId',
      'parameters',
      'responseCode',
      'responseMessage',
    ]);
    expect(body).not.toHaveProperty('_id');
    expect(body).toMatchObject({ responseCode: '202', responseMessage: 'Accepted' });
    const id = body.entitlementId as string;
    const entitlement = stored(emulator, id);
    expect(entitlement.status).toBe('PENDING');
    expect(body.parameters).toEqual({
      action: 'NAVIGATE_TO_URL',
      url: entitlement.activationUrl,
      urlExpiry: entitlement.activationUrlExpiry,
    });
    expect(lastNotification(emulator, id).status).toBe('PENDING');
    const page = await fetch((body.parameters as { url: string }).url);
    expect(page.status).toBe(200);
    await page.text();
    expect(stored(emulator, id).status).toBe('ACTIVE');
  });

  it('a replayed purchase (same _id and body) answers 202 with the same id and URL, creating nothing', async () => {
    const first = await buy(emulator, token, { _id: 'edition-replay-1' });
    const again = await buy(emulator, token, { _id: 'edition-replay-1' });
    expect(first.status).toBe(202);
    expect(again).toEqual(first);
    expect(first.body.entitlementId).toBe('edition-replay-1');
    expect(emulator.getState().entitlements).toHaveLength(1);
    const different = await buy(emulator, token, { _id: 'edition-replay-1', accountId: 'account-bob' });
    expect(different.status).toBe(400);
    expect(different.body.resultCode).toBe('DUPLICATE_ENTITLEMENT_ID');
  });

  it('PUT status ACTIVE (resume) answers 202 ActionAccepted, applies and notifies the change', async () => {
    const { body } = await buy(emulator, token);
    const id = body.entitlementId as string;
    await emulator.activate(id);
    const suspended = await call(emulator, token, 'updateEntitlementStatus', 'PUT', ENTITLEMENT(id), {
      status: 'SUSPENDED',
    });
    expect(suspended).toEqual({ status: 200, body: { matchedCount: 1, modifiedCount: 1 } });
    const resumed = await call(emulator, token, 'updateEntitlementStatus', 'PUT', ENTITLEMENT(id), {
      status: 'ACTIVE',
    });
    expect(resumed).toEqual({
      status: 202,
      body: { entitlementId: id, status: 'ACTIVE', responseCode: '202', responseMessage: 'Accepted' },
    });
    expect(stored(emulator, id).status).toBe('ACTIVE');
    expect(lastNotification(emulator, id)).toMatchObject({ status: 'ACTIVE', previousStatus: 'SUSPENDED' });
    const repeated = await call(emulator, token, 'updateEntitlementStatus', 'PUT', ENTITLEMENT(id), {
      status: 'ACTIVE',
    });
    expect(repeated).toEqual({ status: 200, body: { matchedCount: 1, modifiedCount: 0 } });
  });

  it('actions/resume answers 202 ActionAccepted and resumes; suspend stays 200', async () => {
    const { body } = await buy(emulator, token);
    const id = body.entitlementId as string;
    await emulator.activate(id);
    const suspended = await call(emulator, token, 'suspendEntitlement', 'POST', ACTION(id, 'suspend'));
    expect(suspended).toEqual({
      status: 200,
      body: { entitlementId: id, status: 'SUSPENDED', productId: 'Netflix_EU_B_BUNDLE_BASIC' },
    });
    const resumed = await call(emulator, token, 'resumeEntitlement', 'POST', ACTION(id, 'resume'), {
      productId: 'Netflix_EU_B_BUNDLE_BASIC',
    });
    expect(resumed).toEqual({
      status: 202,
      body: { entitlementId: id, status: 'ACTIVE', responseCode: '202', responseMessage: 'Accepted' },
    });
    expect(stored(emulator, id).status).toBe('ACTIVE');
    expect(lastNotification(emulator, id)).toMatchObject({ status: 'ACTIVE', previousStatus: 'SUSPENDED' });
  });

  it('actions/changeProduct answers 202 ActionAccepted and changes the product; errors stay as today', async () => {
    const { body } = await buy(emulator, token);
    const id = body.entitlementId as string;
    await emulator.activate(id);
    const changed = await call(
      emulator,
      token,
      'changeEntitlementProduct',
      'POST',
      ACTION(id, 'changeProduct'),
      {
        productId: 'Netflix_EU_B_BUNDLE_PREMIUM',
      },
    );
    expect(changed).toEqual({
      status: 202,
      body: { entitlementId: id, status: 'ACTIVE', responseCode: '202', responseMessage: 'Accepted' },
    });
    expect(stored(emulator, id).productId).toBe('Netflix_EU_B_BUNDLE_PREMIUM');
    expect(lastNotification(emulator, id)).toMatchObject({
      productId: 'Netflix_EU_B_BUNDLE_PREMIUM',
      previousProductId: 'Netflix_EU_B_BUNDLE_BASIC',
    });
    const refused = await call(
      emulator,
      token,
      'changeEntitlementProduct',
      'POST',
      ACTION(id, 'changeProduct'),
      {
        productId: 'SPORTS_PACK',
      },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.resultCode).toBe('NOT_THIRD_PARTY');
  });

  it('activation info stays 200 ActivationInfo', async () => {
    const { body } = await buy(emulator, token);
    const info = await call(
      emulator,
      token,
      'getActivationInfo',
      'GET',
      ACTIVATION_INFO(body.entitlementId as string),
    );
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ responseCode: '200', responseMessage: 'OK' });
  });
});

describe('default edition (scp-25.12) is unchanged', () => {
  let emulator: Emulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    token = await passwordToken(emulator);
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  it('purchase 201 {_id}, PUT ACTIVE 200 UpdateResult, resume and changeProduct 200 ActionResult', async () => {
    const created = await buy(emulator, token);
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(['_id']);
    const id = created.body._id as string;
    await emulator.activate(id);
    await call(emulator, token, 'updateEntitlementStatus', 'PUT', ENTITLEMENT(id), { status: 'SUSPENDED' });
    expect(
      await call(emulator, token, 'updateEntitlementStatus', 'PUT', ENTITLEMENT(id), { status: 'ACTIVE' }),
    ).toEqual({ status: 200, body: { matchedCount: 1, modifiedCount: 1 } });
    await call(emulator, token, 'suspendEntitlement', 'POST', ACTION(id, 'suspend'));
    expect(
      await call(emulator, token, 'resumeEntitlement', 'POST', ACTION(id, 'resume'), {
        productId: 'Netflix_EU_B_BUNDLE_BASIC',
      }),
    ).toEqual({
      status: 200,
      body: { entitlementId: id, status: 'ACTIVE', productId: 'Netflix_EU_B_BUNDLE_BASIC' },
    });
    expect(
      await call(emulator, token, 'changeEntitlementProduct', 'POST', ACTION(id, 'changeProduct'), {
        productId: 'DisneyPlus_EU_STANDARD',
      }),
    ).toEqual({
      status: 200,
      body: { entitlementId: id, status: 'ACTIVE', productId: 'DisneyPlus_EU_STANDARD' },
    });
  });
});

describe('switching editions', () => {
  let emulator: Emulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    token = await passwordToken(emulator);
  });
  afterAll(() => emulator.close());

  const putEdition = (edition: unknown) =>
    fetch(`${emulator.url}/__emulator/edition`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ edition }),
    });

  it('PUT /__emulator/edition switches the answers; reset() goes back to the start option', async () => {
    emulator.reset();
    const put = await putEdition('crm-25.26');
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ edition: 'crm-25.26' });
    expect((await buy(emulator, token)).status).toBe(202);
    emulator.reset();
    expect((await buy(emulator, token)).status).toBe(201);
  });

  it('PUT /__emulator/edition refuses an unknown edition, naming the field and the choices', async () => {
    for (const bad of ['crm-25.12', 42, null]) {
      const response = await putEdition(bad);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.error).toBe('INVALID_EDITION');
      expect(body.message).toContain('edition must be one of "scp-25.12", "crm-25.26"');
    }
    const notJson = await fetch(`${emulator.url}/__emulator/edition`, { method: 'PUT', body: '{' });
    expect(notJson.status).toBe(400);
    emulator.reset();
    expect((await buy(emulator, token)).status).toBe(201);
  });

  it('setEdition() switches; a bad edition is an INVALID_OPTIONS EmulatorError', async () => {
    emulator.reset();
    emulator.setEdition('crm-25.26');
    expect((await buy(emulator, token)).status).toBe(202);
    emulator.setEdition('scp-25.12');
    expect((await buy(emulator, token, { accountId: 'account-bob' })).status).toBe(201);
    expect(() => emulator.setEdition('crm-25.12' as Edition)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', status: 400 }),
    );
  });

  it('reset() restores a non-default start option; startEmulator refuses an unknown edition', async () => {
    const crm = await startEmulator({ edition: 'crm-25.26' });
    try {
      const crmToken = await passwordToken(crm);
      crm.setEdition('scp-25.12');
      crm.reset();
      expect((await buy(crm, crmToken)).status).toBe(202);
    } finally {
      await crm.close();
    }
    await expect(startEmulator({ edition: 'nope' as Edition })).rejects.toThrow(EmulatorError);
    await expect(startEmulator({ edition: 'nope' as Edition })).rejects.toThrow(
      'options.edition must be one of "scp-25.12", "crm-25.26"',
    );
  });
});
