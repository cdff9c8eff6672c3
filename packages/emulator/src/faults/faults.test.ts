import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import type { Emulator } from '../types.js';
import { LIST_PATH, gatewayHeaders, passwordToken, purchase, purchaseBody } from '../../test/http.js';
import { expectSpecResponse } from '../../test/spec-responses.js';
import { FaultController, validateFaults } from './faults.js';

let emulator: Emulator;
let token: string;
beforeAll(async () => {
  emulator = await startEmulator();
  token = await passwordToken(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function list(): Promise<Response> {
  return fetch(`${emulator.url}${LIST_PATH}`, { headers: gatewayHeaders(token) });
}

describe('faults', () => {
  it('latency delays the answer and is logged', async () => {
    emulator.setFaults({ listEntitlements: { latencyMs: 150 } });
    const start = performance.now();
    const response = await list();
    expect(response.status).toBe(200);
    // behaviour, not speed: the delay is at least what was asked for
    expect(performance.now() - start).toBeGreaterThanOrEqual(100);
    expect(emulator.getState().requests.at(-1)).toMatchObject({
      operationId: 'listEntitlements',
      status: 200,
      fault: 'latency-150',
    });
  });

  it('status with Retry-After, for the next `times` requests only', async () => {
    emulator.setFaults({ createThirdPartyEntitlement: { status: 503, retryAfterSec: 2, times: 2 } });
    for (let i = 0; i < 2; i += 1) {
      const response = await purchase(emulator, token);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.resultCode).toBe('50300:503');
    }
    expect(emulator.getState().entitlements).toHaveLength(0);
    expect((await purchase(emulator, token)).status).toBe(201);
  });

  it("status with body 'text': SSP's plain-text answer", async () => {
    emulator.setFaults({ createThirdPartyEntitlement: { status: 503, body: 'text', times: 1 } });
    const response = await purchase(emulator, token);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('no healthy upstream');
    expect(emulator.getState().entitlements).toHaveLength(0);
    expect((await purchase(emulator, token)).status).toBe(201);
  });

  it('probability 0 never applies, 1 always does', async () => {
    emulator.setFaults({ listEntitlements: { status: 500, probability: 0 } });
    for (let i = 0; i < 5; i += 1) expect((await list()).status).toBe(200);
    emulator.setFaults({ listEntitlements: { status: 500, probability: 1 } });
    for (let i = 0; i < 3; i += 1) expect((await list()).status).toBe(500);
    emulator.clearFaults();
    expect((await list()).status).toBe(200);
  });

  it('reset before commit: connection error, nothing stored', async () => {
    emulator.setFaults({ createThirdPartyEntitlement: { reset: 'before-commit', times: 1 } });
    await expect(purchase(emulator, token, purchaseBody({ _id: 'reset-1' }))).rejects.toThrow();
    expect(emulator.getState().entitlements).toHaveLength(0);
    expect(emulator.getState().requests.at(-1)).toMatchObject({ status: 0, fault: 'reset-before-commit' });
  });

  it('reset after commit: connection error, exactly one entitlement stored; the retry replays it', async () => {
    emulator.setFaults({ createThirdPartyEntitlement: { reset: 'after-commit', times: 1 } });
    await expect(purchase(emulator, token, purchaseBody({ _id: 'reset-2' }))).rejects.toThrow();
    expect(emulator.getState().entitlements.map((e) => e._id)).toEqual(['reset-2']);
    const retry = await purchase(emulator, token, purchaseBody({ _id: 'reset-2' }));
    expect(retry.status).toBe(201);
    expect(emulator.getState().entitlements).toHaveLength(1);
  });

  it('token endpoint outage: getAccessToken answers 503 temporarily_unavailable with Retry-After', async () => {
    emulator.setFaults({ getAccessToken: { status: 503, retryAfterSec: 1 } });
    const response = await fetch(emulator.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&client_id=crm_client&username=crm_client_user&password=crm-client-password',
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    const body = await response.json();
    expectSpecResponse('getAccessToken', 503, body);
    expect(body).toMatchObject({ error: 'temporarily_unavailable' });
    emulator.setFaults({ getAccessToken: { reset: 'before-commit' } });
    await expect(passwordToken(emulator)).rejects.toThrow();
  });

  it('faults given as an option apply from the start', async () => {
    const faulty = await startEmulator({ faults: { listEntitlements: { status: 502, times: 1 } } });
    try {
      const faultyToken = await passwordToken(faulty);
      const first = await fetch(`${faulty.url}${LIST_PATH}`, { headers: gatewayHeaders(faultyToken) });
      expect(first.status).toBe(502);
      const second = await fetch(`${faulty.url}${LIST_PATH}`, { headers: gatewayHeaders(faultyToken) });
      expect(second.status).toBe(200);
    } finally {
      await faulty.close();
    }
  });

  it('bad faults are refused with the field named', async () => {
    expect(validateFaults({ nope: {} })[0]).toMatch(/^faults\.nope is not an operationId/);
    expect(
      validateFaults({
        listEntitlements: {
          status: 42,
          body: 'xml',
          reset: 'never',
          times: 0,
          probability: 2,
          latencyMs: -1,
          x: 1,
        },
      }),
    ).toEqual([
      'faults.listEntitlements.x is not a known field',
      'faults.listEntitlements.latencyMs must be a non-negative number',
      'faults.listEntitlements.status must be an HTTP status 100-599',
      'faults.listEntitlements.body must be "json" or "text"',
      'faults.listEntitlements.reset must be "before-commit" or "after-commit"',
      'faults.listEntitlements.times must be a positive integer',
      'faults.listEntitlements.probability must be a number from 0 to 1',
    ]);
    expect(() => new FaultController().set({ listEntitlements: { status: 1 } })).toThrow(/status/);
    await expect(startEmulator({ faults: { listEntitlements: { times: -1 } } })).rejects.toThrow(/times/);
  });
});
