import type { Emulator } from '@crm-gateway/emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { clientFor, gatewayCalls, launchEmulator, NETFLIX_BASIC, tokenCalls } from './emulator-harness.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await launchEmulator({ accessTokenLifetimeSec: 4 });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

describe('tokens against the emulator', () => {
  test('1,000 concurrent calls with a cold cache make exactly one token request', async () => {
    // Its own emulator with Keycloak's default lifetime: on a loaded machine 1,000 calls may outlast the
    // 4-second tokens the other tests use for refresh-ahead, and a legitimate refresh would blur the count.
    const standard = await launchEmulator();
    try {
      const client = clientFor(standard, { totalTimeoutMs: 60_000, timeoutMs: 30_000 });
      const results = await Promise.all(
        Array.from({ length: 1_000 }, (_, i) =>
          client.entitlements.list({ limit: 0 }, { correlationId: `cold-${i}` }),
        ),
      );
      expect(results).toHaveLength(1_000);
      expect(tokenCalls(standard)).toBe(1);
      expect(gatewayCalls(standard).filter((c) => c.status === 200)).toHaveLength(1_000);
    } finally {
      await standard.close();
    }
  });

  test('a refresh ahead of expiry blocks no caller: calls complete with the old token while the refresh is held', async () => {
    // The test's fetch holds every token response after the first until released, so a caller that waited for the
    // refresh could not complete: completing proves it did not wait.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const events: string[] = [];
    const authorizations = new Set<string>();
    let tokenRequests = 0;
    const gatedFetch: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url === emulator.tokenUrl) {
        tokenRequests += 1;
        const n = tokenRequests;
        if (n > 1) {
          events.push('refresh-started');
          await gate;
        }
        const response = await fetch(input, init);
        events.push(n > 1 ? 'refresh-answered' : 'first-token');
        return response;
      }
      const authorization = new Headers(init?.headers).get('authorization') ?? '';
      authorizations.add(authorization);
      return fetch(input, init);
    };
    const client = clientFor(emulator, { fetch: gatedFetch });
    await client.entitlements.list();
    // Keep calling until the refresh-ahead window opens and the background refresh starts (about 2 s in).
    while (!events.includes('refresh-started')) {
      await client.entitlements.list();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const during = await Promise.all(Array.from({ length: 20 }, () => client.entitlements.list()));
    expect(during).toHaveLength(20);
    expect(events).not.toContain('refresh-answered');
    expect(authorizations.size).toBe(1); // all with the first token
    release();
    // The next calls switch to the new token once the refresh lands.
    while (!events.includes('refresh-answered')) await new Promise((resolve) => setTimeout(resolve, 10));
    const tokensAfterRefresh = tokenRequests;
    await client.entitlements.list();
    // The call after the refresh carries the new token. (On a slow machine the new 4-second token may itself
    // enter its refresh window and start one more background refresh; that one is not waited for either.)
    expect(authorizations.size).toBeGreaterThanOrEqual(2);
    expect(tokensAfterRefresh).toBe(2);
    expect(tokenCalls(emulator)).toBe(tokenRequests);
  });

  test('a token revoked mid-flight costs exactly one extra request, not a failure', async () => {
    const client = clientFor(emulator);
    await client.entitlements.list();
    const tokensBefore = tokenCalls(emulator);
    emulator.revokeTokens();
    const result = await client.entitlements.purchaseThirdPartyProduct(
      { accountId: 'account-alice', productId: NETFLIX_BASIC },
      { correlationId: 'revoked-1' },
    );
    expect(result.status).toBe('PENDING');
    expect(gatewayCalls(emulator, 'revoked-1')).toEqual([
      { status: 403, operationId: 'createThirdPartyEntitlement' },
      { status: 201, operationId: 'createThirdPartyEntitlement' },
    ]);
    expect(tokenCalls(emulator) - tokensBefore).toBe(1);
    expect(emulator.getState().entitlements).toHaveLength(1);
  });

  test('20 concurrent calls after a revocation: one extra request each, one new token for all', async () => {
    const client = clientFor(emulator);
    await client.entitlements.list();
    const tokensBefore = tokenCalls(emulator);
    emulator.revokeTokens();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.entitlements.list({}, { correlationId: `rv-${i}` })),
    );
    for (let i = 0; i < 20; i += 1) {
      expect(gatewayCalls(emulator, `rv-${i}`).map((c) => c.status)).toEqual([403, 200]);
    }
    expect(tokenCalls(emulator) - tokensBefore).toBe(1);
  });

  test('an expired token (the emulator refuses it) is replaced transparently', async () => {
    // The emulator's lifetime is 4 s; the cache stops using a token 0.4 s before expiry, so it never sends an
    // expired one: after 4.5 s idle, the next call fetches a new token first and succeeds at the first attempt.
    const client = clientFor(emulator);
    await client.entitlements.list();
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await client.entitlements.list({}, { correlationId: 'after-expiry' });
    expect(gatewayCalls(emulator, 'after-expiry')).toEqual([
      { status: 200, operationId: 'listEntitlements' },
    ]);
    expect(tokenCalls(emulator)).toBe(2);
  });
});

describe('tokens on a Workers-style runtime', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test('concurrent cold calls share no token request (no cross-request promise), then reuse the cached token', async () => {
    vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' });
    const client = clientFor(emulator);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => client.entitlements.list({}, { correlationId: `worker-${i}` })),
    );
    expect(results).toHaveLength(5);
    expect(tokenCalls(emulator)).toBe(5);
    await client.entitlements.list();
    expect(tokenCalls(emulator)).toBe(5);
  });

  test('shareTokenRefresh: true restores sharing where the runtime is Workers-like', async () => {
    vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' });
    const client = clientFor(emulator, { shareTokenRefresh: true });
    await Promise.all(Array.from({ length: 5 }, () => client.entitlements.list()));
    expect(tokenCalls(emulator)).toBe(1);
  });

  test('shareTokenRefresh must be a boolean', () => {
    expect(() => clientFor(emulator, { shareTokenRefresh: 'yes' as never })).toThrow(/shareTokenRefresh/);
  });
});
