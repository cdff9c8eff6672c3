import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import type { Emulator, EmulatorState } from '../types.js';
import { LIST_PATH, gatewayHeaders, passwordToken, purchase } from '../../test/http.js';

let emulator: Emulator;
let token: string;
beforeAll(async () => {
  emulator = await startEmulator();
  token = await passwordToken(emulator);
});
afterAll(() => emulator.close());

const admin = (path: string, init?: RequestInit) => fetch(`${emulator.url}/__emulator/${path}`, init);
const json = (body: unknown): RequestInit => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('admin API', () => {
  it('GET state shows entitlements, deliveries and requests with correlation ids', async () => {
    emulator.reset();
    const response = await purchase(emulator, token);
    const { _id } = (await response.json()) as { _id: string };
    const state = (await (await admin('state')).json()) as EmulatorState;
    expect(state.entitlements.map((e) => e._id)).toEqual([_id]);
    expect(state.deliveries.map((d) => d.entitlementId)).toEqual([_id]);
    expect(state.requests.map((r) => r.operationId)).toContain('createThirdPartyEntitlement');
    expect(state.requests.every((r) => !r.path.startsWith('/__emulator'))).toBe(true);
  });

  it('PUT and DELETE faults', async () => {
    const put = await admin('faults', json({ listEntitlements: { status: 503, retryAfterSec: 3 } }));
    expect(put.status).toBe(200);
    const faulted = await fetch(`${emulator.url}${LIST_PATH}`, { headers: gatewayHeaders(token) });
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('retry-after')).toBe('3');
    expect((await admin('faults', { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${emulator.url}${LIST_PATH}`, { headers: gatewayHeaders(token) })).status).toBe(200);
    const bad = await admin('faults', json({ listEntitlements: { status: 'x' } }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('faults.listEntitlements.status');
    const notJson = await admin('faults', { method: 'PUT', body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('PUT notification-url validates the URL', async () => {
    expect((await admin('notification-url', json({ url: 'http://127.0.0.1:9/hook' }))).status).toBe(200);
    expect((await admin('notification-url', json({ url: 'ftp://x' }))).status).toBe(400);
    expect((await admin('notification-url', json({ url: null }))).status).toBe(200);
  });

  it('POST entitlements/{id}/activate, POST revoke-tokens, POST reset', async () => {
    emulator.reset();
    const { _id } = (await (await purchase(emulator, token)).json()) as { _id: string };
    expect((await admin(`entitlements/${_id}/activate`, { method: 'POST' })).status).toBe(200);
    expect(emulator.getState().entitlements[0]?.status).toBe('ACTIVE');
    const again = await admin(`entitlements/${_id}/activate`, { method: 'POST' });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe('NOT_PENDING');
    expect((await admin('entitlements/nope/activate', { method: 'POST' })).status).toBe(404);

    expect((await admin('reset', { method: 'POST' })).status).toBe(200);
    expect(emulator.getState()).toEqual({ entitlements: [], deliveries: [], requests: [] });

    const before = await passwordToken(emulator);
    expect((await admin('revoke-tokens', { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${emulator.url}${LIST_PATH}`, { headers: gatewayHeaders(before) })).status).toBe(
      403,
    );
    token = await passwordToken(emulator);
    expect((await fetch(`${emulator.url}${LIST_PATH}`, { headers: gatewayHeaders(token) })).status).toBe(200);
  });

  it('health answers and unknown paths get a JSON 404', async () => {
    expect(await (await admin('health')).json()).toEqual({ ok: true });
    const unknown = await fetch(`${emulator.url}/nope`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { resultCode: string }).resultCode).toBe('NOT_FOUND');
  });
});
