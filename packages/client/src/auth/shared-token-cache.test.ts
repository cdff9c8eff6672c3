import { describe, expect, test } from 'vitest';
import { createCrmGatewayClient } from '../client/create-client.js';
import { ValidationError } from '../errors/validation-error.js';
import { createRedactor } from '../internal/redactor.js';
import { createTokenProvider } from './create-token-provider.js';
import type { SharedToken, TokenCache } from './token-cache.js';

const TOKEN_URL = 'https://keycloak.test/realms/nagra/protocol/openid-connect/token';
const auth = { tokenUrl: TOKEN_URL, clientId: 'crm_client', username: 'crm_user', password: 'pa55-word' };

/** An in-memory TokenCache with the contract's semantics (one obtain at a time per key, waiters get its result). */
function memoryCache(): TokenCache & { entries: Map<string, SharedToken>; obtains: number } {
  const entries = new Map<string, SharedToken>();
  const locks = new Map<string, Promise<unknown>>();
  const cache = {
    entries,
    obtains: 0,
    get: async (key: string) => entries.get(key),
    async refresh(key: string, obtain: () => Promise<SharedToken>, stale?: string) {
      for (;;) {
        const held = locks.get(key);
        if (!held) break;
        await held.catch(() => undefined);
        const stored = entries.get(key);
        if (stored && stored.accessToken !== stale) return stored;
      }
      cache.obtains += 1;
      const run = obtain().then((token) => {
        entries.set(key, { ...token });
        return token;
      });
      locks.set(key, run);
      try {
        return await run;
      } finally {
        locks.delete(key);
      }
    },
    invalidate: async (key: string, token: string) => {
      if (entries.get(key)?.accessToken === token) entries.delete(key);
    },
  };
  return cache;
}

/** A token endpoint counting its requests; each answer is a new token. */
function tokenEndpoint(lifetimeSec = 300) {
  const forms: URLSearchParams[] = [];
  const fetch = (async (_url: string, init?: RequestInit) => {
    const form = new URLSearchParams(String(init?.body));
    forms.push(form);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return new Response(
      JSON.stringify({
        access_token: `access-${forms.length}`,
        refresh_token: `refresh-${forms.length}`,
        expires_in: lifetimeSec,
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  }) as typeof globalThis.fetch;
  return { fetch, forms };
}

function provider(fetch: typeof globalThis.fetch, tokenCache: TokenCache, now?: () => number) {
  return createTokenProvider(auth, {
    fetch,
    timeoutMs: 5_000,
    redactor: createRedactor(),
    tokenCache,
    ...(now ? { now } : {}),
  });
}

describe('tokenCache: a token shared by several client instances', () => {
  test('three instances, 300 concurrent callers, a cold cache: one token request', async () => {
    const { fetch, forms } = tokenEndpoint();
    const cache = memoryCache();
    const fleet = [provider(fetch, cache), provider(fetch, cache), provider(fetch, cache)];
    const tokens = await Promise.all(Array.from({ length: 300 }, (_, i) => fleet[i % 3]!.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['access-1']));
    expect(forms).toHaveLength(1);
  });

  test('a valid stored token is used without asking Keycloak', async () => {
    const { fetch, forms } = tokenEndpoint();
    const cache = memoryCache();
    await expect(provider(fetch, cache).getToken()).resolves.toBe('access-1');
    await expect(provider(fetch, cache).getToken()).resolves.toBe('access-1');
    expect(forms).toHaveLength(1);
    expect(cache.obtains).toBe(1);
  });

  test('only the access token and its times are stored, under a SHA-256 key without secrets', async () => {
    const { fetch } = tokenEndpoint();
    const cache = memoryCache();
    await provider(fetch, cache).getToken();
    const [key, stored] = [...cache.entries][0]!;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(stored!).sort()).toEqual(['accessToken', 'expiresAt', 'obtainedAt']);
    expect(JSON.stringify(stored)).not.toContain('refresh');
    // Another user of the same client gets another key.
    await createTokenProvider(
      { ...auth, username: 'other_user' },
      { fetch, timeoutMs: 5_000, redactor: createRedactor(), tokenCache: cache },
    ).getToken();
    expect(cache.entries.size).toBe(2);
  });

  test('a refused token is dropped for the whole fleet, which then gets one new token', async () => {
    const { fetch, forms } = tokenEndpoint();
    const cache = memoryCache();
    const fleet = [provider(fetch, cache), provider(fetch, cache), provider(fetch, cache)];
    await Promise.all(fleet.map((p) => p.getToken()));
    expect(forms).toHaveLength(1);
    for (const p of fleet) p.invalidate('access-1');
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, i) => fleet[i % 3]!.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['access-2']));
    expect(forms).toHaveLength(2);
    // The new token came from the password grant (the refused token's refresh token is not reused).
    expect(forms[1]!.get('grant_type')).toBe('password');
  });

  test('refresh ahead: a token another instance already refreshed is taken instead of a new request', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const { fetch, forms } = tokenEndpoint();
    const cache = memoryCache();
    const a = provider(fetch, cache, clock);
    const b = provider(fetch, cache, clock);
    await a.getToken();
    await b.getToken();
    expect(forms).toHaveLength(1);
    now += 250_000; // inside the refresh-ahead window of access-1
    await expect(a.getToken()).resolves.toBe('access-1'); // background refresh starts
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(forms).toHaveLength(2);
    await expect(a.getToken()).resolves.toBe('access-2');
    await expect(b.getToken()).resolves.toBe('access-1'); // b's background refresh finds access-2 stored
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(b.getToken()).resolves.toBe('access-2');
    expect(forms).toHaveLength(2);
  });

  test('a failing cache costs a direct token request, not the call', async () => {
    const { fetch, forms } = tokenEndpoint();
    const broken: TokenCache = {
      get: () => Promise.reject(new Error('redis down')),
      refresh: () => Promise.reject(new Error('redis down')),
      invalidate: () => Promise.reject(new Error('redis down')),
    };
    const p = provider(fetch, broken);
    await expect(p.getToken()).resolves.toBe('access-1');
    p.invalidate('access-1');
    await expect(p.getToken()).resolves.toBe('access-2');
    expect(forms).toHaveLength(2);
  });

  test('a token endpoint failure reaches the caller as it is', async () => {
    const fetch = (async () =>
      new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 400 })) as typeof globalThis.fetch;
    await expect(provider(fetch, memoryCache()).getToken()).rejects.toMatchObject({
      code: 'AUTH_ERROR',
      oauthError: 'invalid_grant',
    });
  });

  test('refused with getAccessToken, or when it is not a TokenCache (ValidationError naming tokenCache)', () => {
    const base = { baseUrl: 'https://gateway.test', tenantId: 'tenant1' };
    const make = (options: object) => () => createCrmGatewayClient({ ...base, ...options } as never);
    expect(make({ auth: { getAccessToken: async () => 'x' }, tokenCache: memoryCache() })).toThrow(
      ValidationError,
    );
    expect(make({ auth: { getAccessToken: async () => 'x' }, tokenCache: memoryCache() })).toThrow(
      /tokenCache.*getAccessToken/,
    );
    expect(make({ auth, tokenCache: { get: async () => undefined } })).toThrow(/Invalid tokenCache/);
    expect(make({ auth, tokenCache: memoryCache() })).not.toThrow();
  });
});
