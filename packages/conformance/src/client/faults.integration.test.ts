import type { Emulator, Faults } from '@crm-gateway/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { clientFor, DISNEY, gatewayCalls, launchEmulator, NETFLIX_BASIC } from './emulator-harness.js';
import type { PurchaseResult } from '@crm-gateway/client';

const N = 40;
const accounts = ['account-alice', 'account-bob', 'account-carol'];
const products = [NETFLIX_BASIC, DISNEY];

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

/** N concurrent purchases under `faults`; every one must succeed and create exactly one entitlement. */
async function purchaseUnder(
  faults: Faults,
  target: Emulator = emulator,
  timeoutMs = 2_000,
): Promise<PurchaseResult[]> {
  const client = clientFor(target, { maxRetries: 12, timeoutMs, totalTimeoutMs: 60_000 });
  await client.entitlements.list(); // token first, so the faults hit only the purchases
  target.setFaults(faults);
  try {
    return await Promise.all(
      Array.from({ length: N }, (_, i) =>
        client.entitlements.purchaseThirdPartyProduct(
          { accountId: accounts[i % accounts.length]!, productId: products[i % products.length]! },
          { correlationId: `chaos-${i}` },
        ),
      ),
    );
  } finally {
    target.clearFaults();
  }
}

function expectExactlyN(results: PurchaseResult[], target: Emulator = emulator): void {
  expect(results).toHaveLength(N);
  expect(results.every((r) => r.status === 'PENDING')).toBe(true);
  const ids = new Set(results.map((r) => r.entitlementId));
  expect(ids.size).toBe(N);
  const stored = target.getState().entitlements;
  expect(stored).toHaveLength(N);
  expect(new Set(stored.map((e) => e._id))).toEqual(ids);
  results.forEach((result, i) => {
    const entitlement = stored.find((e) => e._id === result.entitlementId);
    expect(entitlement).toMatchObject({
      accountId: accounts[i % accounts.length],
      productId: products[i % products.length],
    });
  });
}

describe(`${N} concurrent purchases under faults give exactly ${N} entitlements and ${N} successes`, () => {
  test('every first attempt commits and then loses its answer (reset after commit)', async () => {
    const results = await purchaseUnder({ createThirdPartyEntitlement: { reset: 'after-commit', times: N } });
    expectExactlyN(results);
    // N attempts were stored and then lost their answer; their retries replayed the stored purchase.
    const purchases = gatewayCalls(emulator).filter((c) => c.operationId === 'createThirdPartyEntitlement');
    expect(purchases.filter((c) => c.status === 0)).toHaveLength(N);
    for (let i = 0; i < N; i += 1) {
      expect(gatewayCalls(emulator, `chaos-${i}`).map((c) => c.status)).toContain(201);
    }
  });

  test('503 answers with probability 0.5 (some with Retry-After: 0)', async () => {
    const results = await purchaseUnder({
      createThirdPartyEntitlement: { status: 503, probability: 0.5, retryAfterSec: 0 },
    });
    expectExactlyN(results);
    const answers = emulator
      .getState()
      .requests.filter((r) => r.operationId === 'createThirdPartyEntitlement');
    expect(answers.some((r) => r.status === 503)).toBe(true);
  });

  test("SSP's plain-text 503 (no healthy upstream) with probability 0.5", async () => {
    const results = await purchaseUnder({
      createThirdPartyEntitlement: { status: 503, body: 'text', probability: 0.5 },
    });
    expectExactlyN(results);
  });

  test('latency beyond the per-attempt timeout (the late first attempt still commits after the retry)', async () => {
    // Its own emulator: the late attempts finish after the test and must not reach another test's state.
    const slow = await launchEmulator();
    try {
      const results = await purchaseUnder(
        { createThirdPartyEntitlement: { latencyMs: 2_000, probability: 0.4 } },
        slow,
        700,
      );
      expectExactlyN(results, slow);
      // Wait for the abandoned attempts to be handled: they replay, they never add an entitlement.
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      expectExactlyN(results, slow);
      const attempts = slow
        .getState()
        .requests.filter((r) => r.operationId === 'createThirdPartyEntitlement');
      expect(attempts.length).toBeGreaterThan(N); // some attempts timed out and were retried
    } finally {
      await slow.close();
    }
  });

  test('resets after commit with probability 0.3 and a gateway that rejects any known _id', async () => {
    const strict = await launchEmulator({ duplicateIdPolicy: 'reject' });
    try {
      const results = await purchaseUnder(
        { createThirdPartyEntitlement: { reset: 'after-commit', probability: 0.3 } },
        strict,
      );
      expectExactlyN(results, strict);
      const requests = strict.getState().requests;
      // At least one retry met DUPLICATE_ENTITLEMENT_ID (400) and was confirmed by a list by _id.
      expect(requests.some((r) => r.operationId === 'createThirdPartyEntitlement' && r.status === 400)).toBe(
        true,
      );
    } finally {
      await strict.close();
    }
  });
});
