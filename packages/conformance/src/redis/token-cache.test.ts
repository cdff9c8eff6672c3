import { createCrmGatewayClient, type CrmGatewayClient, type SharedToken } from '@crm-gateway/client';
import { startEmulator, type Emulator } from '@crm-gateway/emulator';
import { createClient } from 'redis';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createRedisTokenCache, TokenCacheUnavailableError, type RedisTokenCache } from '@crm-gateway/redis';
import { startRedisServer, type TestRedisServer } from './redis-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const token = (name: string, lifetimeMs = 60_000): SharedToken => ({
  accessToken: name,
  obtainedAt: Date.now(),
  expiresAt: Date.now() + lifetimeMs,
});

let redis: TestRedisServer;
let emulator: Emulator;
const caches: RedisTokenCache[] = [];
const open = async (options: { lockMs?: number; waitMs?: number; keyPrefix?: string } = {}) => {
  const cache = await createRedisTokenCache({ url: redis.url, ...options });
  caches.push(cache);
  return cache;
};

beforeAll(async () => {
  [redis, emulator] = await Promise.all([startRedisServer(), startEmulator({ port: 0 })]);
});
afterAll(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
  await Promise.all([redis?.stop(), emulator?.close()]);
});

describe('createRedisTokenCache: a fleet of clients against the emulator', () => {
  let prefix = 0;
  const fleet = async (): Promise<CrmGatewayClient[]> => {
    // A fresh key prefix per test: each test starts with a cold shared cache.
    const keyPrefix = `fleet-${(prefix += 1)}:`;
    return Promise.all(
      [1, 2, 3].map(async () =>
        createCrmGatewayClient({
          baseUrl: emulator.url,
          tenantId: 'tenant1',
          auth: {
            tokenUrl: emulator.tokenUrl,
            clientId: 'crm_client',
            username: 'crm_client_user',
            password: 'crm-client-password',
          },
          tokenCache: await open({ keyPrefix }),
        }),
      ),
    );
  };
  const tokenRequests = () => emulator.getState().requests.filter((r) => r.operationId === 'getAccessToken');

  beforeEach(() => emulator.reset());

  test('3 clients, 300 concurrent calls spread over them, a cold cache: exactly 1 token request', async () => {
    const clients = await fleet();
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => clients[i % 3]!.entitlements.list()),
    );
    expect(results).toHaveLength(300);
    expect(tokenRequests()).toHaveLength(1);
  });

  test('a revoked token: the whole fleet gets one new token', async () => {
    const clients = await fleet();
    await Promise.all(clients.map((client) => client.entitlements.list()));
    expect(tokenRequests()).toHaveLength(1);
    emulator.revokeTokens();
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => clients[i % 3]!.entitlements.list()),
    );
    expect(results).toHaveLength(300);
    const after = tokenRequests().slice(1);
    expect(after.filter((r) => r.status === 200)).toHaveLength(1);
    expect(after).toHaveLength(1);
  });
});

describe('createRedisTokenCache: the lock, the wait and the stored token', () => {
  test('one obtain at a time: 20 concurrent refreshes from 2 caches call obtain once and share its token', async () => {
    const [a, b] = [await open(), await open()];
    let obtains = 0;
    const obtain = async () => {
      obtains += 1;
      await sleep(100);
      return token(`t-${obtains}`);
    };
    const got = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).refresh('one-obtain', obtain)),
    );
    expect(obtains).toBe(1);
    expect(new Set(got.map((t) => t.accessToken))).toEqual(new Set(['t-1']));
  });

  test('the winner dies holding the lock: it expires and a waiter takes over', async () => {
    const cache = await open({ lockMs: 400, waitMs: 5_000 });
    const raw = await createClient({ url: redis.url }).connect();
    try {
      // A crashed winner: its lock is there, no token will ever be stored.
      await raw.set('crm-gateway:token:orphan:lock', 'dead-winner', { PX: 400 });
      const started = Date.now();
      const got = await cache.refresh('orphan', async () => token('taken-over'));
      expect(got.accessToken).toBe('taken-over');
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      await expect(cache.get('orphan')).resolves.toMatchObject({ accessToken: 'taken-over' });
    } finally {
      await raw.close();
    }
  });

  test('waiting is bounded by waitMs (a live lock, nothing stored): TokenCacheUnavailableError', async () => {
    const cache = await open({ lockMs: 10_000, waitMs: 300 });
    const raw = await createClient({ url: redis.url }).connect();
    try {
      await raw.set('crm-gateway:token:stuck:lock', 'slow-winner', { PX: 10_000 });
      const started = Date.now();
      const error = await cache.refresh('stuck', async () => token('never')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenCacheUnavailableError);
      expect(error).toMatchObject({ code: 'TOKEN_CACHE_UNAVAILABLE', operation: 'refresh' });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await raw.close();
    }
  });

  test('staleToken: a stored token equal to it does not count; invalidate drops only the token it names', async () => {
    const cache = await open();
    await cache.refresh('stale', async () => token('old'));
    await expect(cache.refresh('stale', async () => token('unused'))).resolves.toMatchObject({
      accessToken: 'old',
    });
    await expect(cache.refresh('stale', async () => token('new'), 'old')).resolves.toMatchObject({
      accessToken: 'new',
    });
    await cache.invalidate('stale', 'old'); // no longer the stored one: kept
    await expect(cache.get('stale')).resolves.toMatchObject({ accessToken: 'new' });
    await cache.invalidate('stale', 'new');
    await expect(cache.get('stale')).resolves.toBeUndefined();
  });

  test('stored as the access token and its times only, for its remaining lifetime; the lock is released', async () => {
    const cache = await open();
    await cache.refresh('ttl', async () => ({
      ...token('short', 2_000),
      refreshToken: 'must-not-be-stored',
    }));
    const raw = await createClient({ url: redis.url }).connect();
    try {
      const value = await raw.get('crm-gateway:token:ttl');
      expect(Object.keys(JSON.parse(value!)).sort()).toEqual(['accessToken', 'expiresAt', 'obtainedAt']);
      const ttl = await raw.pTTL('crm-gateway:token:ttl');
      expect(ttl).toBeGreaterThan(1_500);
      expect(ttl).toBeLessThanOrEqual(2_000);
      expect(await raw.exists('crm-gateway:token:ttl:lock')).toBe(0);
    } finally {
      await raw.close();
    }
  });

  test('an error from obtain reaches the caller unchanged and frees the lock', async () => {
    const cache = await open();
    const refused = new Error('keycloak said no');
    await expect(cache.refresh('fails', () => Promise.reject(refused))).rejects.toBe(refused);
    await expect(cache.refresh('fails', async () => token('second-try'))).resolves.toMatchObject({
      accessToken: 'second-try',
    });
  });
});

describe('createRedisTokenCache: Redis goes away', () => {
  test('cache calls reject promptly with TokenCacheUnavailableError; the client keeps working with its own token', async () => {
    const own = await startRedisServer();
    const cache = await createRedisTokenCache({ url: own.url, commandTimeoutMs: 500 });
    const client = createCrmGatewayClient({
      baseUrl: emulator.url,
      tenantId: 'tenant1',
      auth: { tokenUrl: emulator.tokenUrl, clientId: 'crm_service', clientSecret: 'crm-service-secret' },
      tokenCache: cache,
      logger: { warn: () => {} },
    });
    try {
      await own.kill();
      const started = Date.now();
      const error = await cache.get('any').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenCacheUnavailableError);
      expect(Date.now() - started).toBeLessThan(1_000);
      await expect(client.entitlements.list()).resolves.toBeDefined();
    } finally {
      await cache.close();
      await own.stop();
    }
  });
});
