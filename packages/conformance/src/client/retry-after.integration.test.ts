import type { Emulator } from '@crm-gateway/emulator';
import { AuthError, ServerError } from '@crm-gateway/client';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { clientFor, launchEmulator, tokenCalls } from './emulator-harness.js';

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

/** The times (ms since the epoch) of the emulator's logged requests of `operationId`. */
function timesOf(operationId: string): number[] {
  return emulator
    .getState()
    .requests.filter((entry) => entry.operationId === operationId)
    .map((entry) => Date.parse(entry.time));
}

describe('Retry-After over real HTTP (emulator faults)', () => {
  test('token endpoint 503 with Retry-After: 1 is retried after >= 1 s, not after the ~5 ms backoff', async () => {
    emulator.setFaults({ getAccessToken: { status: 503, retryAfterSec: 1, times: 1 } });
    const client = clientFor(emulator, { maxRetries: 2 });
    const started = Date.now();
    await expect(client.entitlements.list({}, { correlationId: 'ra-token-1' })).resolves.toBeDefined();
    const [first, second] = timesOf('getAccessToken');
    expect(tokenCalls(emulator)).toBe(2);
    expect(second! - first!).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test('token endpoint 503 with Retry-After: 3 over backoff.maxRetryAfterMs: AuthError at once, retryAfterMs 3000', async () => {
    emulator.setFaults({ getAccessToken: { status: 503, retryAfterSec: 3, times: 1 } });
    const client = clientFor(emulator, {
      maxRetries: 5,
      backoff: { initialDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 1_000 },
    });
    const started = Date.now();
    const error = await client.entitlements.list().catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 503, retryAfterMs: 3_000, oauthError: 'temporarily_unavailable' });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ retryAfterMs: 3_000 });
    expect(tokenCalls(emulator)).toBe(1);
  });

  test('gateway 503 with Retry-After: ServerError.retryAfterMs, and a long one ends the retries', async () => {
    const client = clientFor(emulator, {
      maxRetries: 5,
      backoff: { initialDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 1_000 },
    });
    await client.entitlements.list(); // token first
    emulator.setFaults({ listEntitlements: { status: 503, retryAfterSec: 2 } });
    const error = await client.entitlements.list({}, { correlationId: 'ra-gw-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, retryAfterMs: 2_000 });
    expect(timesOf('listEntitlements')).toHaveLength(2); // the first list, then one refused attempt: no retry
  });

  test('gateway 503 with Retry-After: 1 on every attempt: retried after >= 1 s each, retryAfterMs kept', async () => {
    const client = clientFor(emulator, { maxRetries: 1 });
    await client.entitlements.list();
    emulator.setFaults({ listEntitlements: { status: 503, retryAfterSec: 1 } });
    const error = await client.entitlements.list({}, { correlationId: 'ra-gw-2' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SERVER_ERROR', retryAfterMs: 1_000 });
    const [, first, second] = timesOf('listEntitlements');
    expect(second! - first!).toBeGreaterThanOrEqual(950);
  });

  test('gateway 503 without Retry-After: no retryAfterMs', async () => {
    const client = clientFor(emulator, { maxRetries: 0 });
    await client.entitlements.list();
    emulator.setFaults({ listEntitlements: { status: 503 } });
    const error = (await client.entitlements.list().catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.retryAfterMs).toBeUndefined();
    expect('retryAfterMs' in JSON.parse(JSON.stringify(error))).toBe(false);
  });
});
