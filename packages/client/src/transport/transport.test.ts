import { describe, expect, test } from 'vitest';
import {
  BASE_URL,
  gatewayWithTokens,
  json,
  tokenAnswer,
  TOKEN_URL,
  createFakeFetch,
} from '../../test/fake-fetch.js';
import { createCrmGatewayClient } from '../client/create-client.js';
import type { CrmGatewayClientOptions } from '../client/options.js';
import { AbortError } from '../errors/abort-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { ServerError } from '../errors/server-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { BadRequestError } from '../errors/bad-request-error.js';
import { EntitlementNotFoundError } from '../errors/entitlement-not-found-error.js';

const auth = { tokenUrl: TOKEN_URL, clientId: 'crm_client', username: 'user', password: 'pw' };
const list = { totalRecords: 0, resourceSet: [] };

function client(fetch: typeof globalThis.fetch, extra: Partial<CrmGatewayClientOptions> = {}) {
  return createCrmGatewayClient({
    baseUrl: BASE_URL,
    tenantId: 'tenant1',
    auth,
    fetch,
    backoff: { initialDelayMs: 1, maxDelayMs: 4 },
    ...extra,
  });
}

describe('retries', () => {
  test.each([408, 429, 500, 502, 503, 504])(
    'HTTP %i is retried, with the same correlation id',
    async (status) => {
      const fake = gatewayWithTokens((_, index) => (index < 2 ? json(status, {}) : json(200, list)));
      const result = await client(fake.fetch).entitlements.list({}, { correlationId: 'same' });
      expect(result.totalRecords).toBe(0);
      const requests = fake.gatewayRequests();
      expect(requests).toHaveLength(3);
      expect(new Set(requests.map((r) => r.headers['x-correlation-id']))).toEqual(new Set(['same']));
    },
  );

  test.each([
    [400, { resultCode: 'VALIDATION_FAILED' }, BadRequestError],
    [403, { resultCode: 'OTHER:403' }, ForbiddenError],
    [404, { resultCode: 'ENTITLEMENT_NOT_FOUND' }, EntitlementNotFoundError],
  ])('HTTP %i is never retried', async (status, body, type) => {
    const fake = gatewayWithTokens(() => json(status, body));
    await expect(client(fake.fetch).entitlements.suspend('e1')).rejects.toBeInstanceOf(type);
    expect(fake.gatewayRequests()).toHaveLength(1);
  });

  test('gives up after maxRetries with the last answer as a ServerError', async () => {
    const fake = gatewayWithTokens(() => json(503, { resultCode: 'UNAVAILABLE' }));
    const error = await client(fake.fetch, { maxRetries: 3 })
      .entitlements.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(503);
    expect(fake.gatewayRequests()).toHaveLength(4);
  });

  test('network errors are retried, then become ConnectionError', async () => {
    const fake = gatewayWithTokens(() => new TypeError('fetch failed'));
    const error = await client(fake.fetch, { maxRetries: 1 })
      .entitlements.list({}, { correlationId: 'c1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).status).toBe(0);
    expect((error as ConnectionError).correlationId).toBe('c1');
    expect((error as ConnectionError).operation).toBe('listEntitlements');
    expect(fake.gatewayRequests()).toHaveLength(2);
  });

  test('Retry-After sets the wait; one above the cap ends the retries', async () => {
    const waits: unknown[] = [];
    const logger = {
      info: (message: string, fields?: Record<string, unknown>) => {
        if (message === 'crm-gateway retry') waits.push(fields?.['delayMs']);
      },
    };
    const fake = gatewayWithTokens((_, index) =>
      index === 0
        ? json(429, {}, { 'retry-after': '1' })
        : index === 1
          ? json(503, {}, { 'retry-after': '0' })
          : json(200, list),
    );
    await client(fake.fetch, { logger }).entitlements.list();
    expect(fake.gatewayRequests()).toHaveLength(3);
    // The backoff alone would wait at most 4 ms.
    expect(waits[0]).toBe(1_000);
    expect(waits[1]).toBe(0);

    const far = gatewayWithTokens(() => json(503, {}, { 'retry-after': '3600' }));
    await expect(client(far.fetch).entitlements.list()).rejects.toBeInstanceOf(ServerError);
    expect(far.gatewayRequests()).toHaveLength(1);
  });

  test('a per-attempt timeout is retried; a call that never answers ends with TimeoutError', async () => {
    const never = new Promise<Response>(() => undefined);
    const fake = gatewayWithTokens((_, index) => (index === 0 ? never : json(200, list)));
    await expect(client(fake.fetch, { timeoutMs: 30 }).entitlements.list()).resolves.toMatchObject({
      totalRecords: 0,
    });
    expect(fake.gatewayRequests()).toHaveLength(2);

    const stuck = gatewayWithTokens(() => never);
    const error = await client(stuck.fetch, { timeoutMs: 20, maxRetries: 1 })
      .entitlements.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(stuck.gatewayRequests()).toHaveLength(2);
  });

  test('totalTimeoutMs bounds all attempts together', async () => {
    const never = new Promise<Response>(() => undefined);
    const fake = gatewayWithTokens(() => never);
    const error = await client(fake.fetch, { timeoutMs: 1_000, totalTimeoutMs: 50, maxRetries: 5 })
      .entitlements.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toContain('50 ms');
    expect(fake.gatewayRequests()).toHaveLength(1);
  });
});

describe('abort', () => {
  test('signal aborts an attempt at once and no further attempt is made', async () => {
    const controller = new AbortController();
    const fake = gatewayWithTokens(() => {
      setTimeout(() => controller.abort(), 5);
      return new Promise<Response>(() => undefined);
    });
    const error = await client(fake.fetch)
      .entitlements.list({}, { signal: controller.signal, correlationId: 'ab' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).correlationId).toBe('ab');
    expect(fake.gatewayRequests()).toHaveLength(1);
  });

  test('an aborted signal sends nothing; an abort during the backoff wait ends the call', async () => {
    const fake = gatewayWithTokens(() => json(503, {}, { 'retry-after': '10' }));
    const c = client(fake.fetch, { backoff: { maxRetryAfterMs: 60_000 } });
    await expect(c.entitlements.list({}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(fake.requests).toHaveLength(0);
    const controller = new AbortController();
    const pending = c.entitlements.list({}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(fake.gatewayRequests()).toHaveLength(1);
  });
});

describe('refused tokens', () => {
  test('403 99999:403 invalidates the token and retries once with a new one (not counted as a retry)', async () => {
    const fake = gatewayWithTokens((_, index) =>
      index === 0 ? json(403, { resultCode: '99999:403', result: 'Invalid token' }) : json(200, list),
    );
    await expect(client(fake.fetch, { maxRetries: 0 }).entitlements.list()).resolves.toMatchObject({
      totalRecords: 0,
    });
    const [first, second] = fake.gatewayRequests();
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(first!.headers['authorization']).not.toBe(second!.headers['authorization']);
  });

  test('401 too; a second refusal is a ForbiddenError', async () => {
    const fake = gatewayWithTokens(() => json(401, {}));
    await expect(client(fake.fetch).entitlements.list()).rejects.toBeInstanceOf(ForbiddenError);
    expect(fake.gatewayRequests()).toHaveLength(2);
    expect(fake.tokenRequests()).toHaveLength(2);
  });

  test('getAccessToken is called again with forceRefresh after a refusal', async () => {
    const hints: boolean[] = [];
    const fake = createFakeFetch((_, index) =>
      index === 0 ? json(403, { resultCode: '99999:403' }) : json(200, list),
    );
    const c = createCrmGatewayClient({
      baseUrl: BASE_URL,
      tenantId: 'tenant1',
      fetch: fake.fetch,
      auth: {
        getAccessToken: async ({ forceRefresh }) => {
          hints.push(forceRefresh);
          return forceRefresh ? 'fresh-token' : 'stale-token';
        },
      },
    });
    await c.entitlements.list();
    expect(hints).toEqual([false, true]);
    expect(fake.requests.map((r) => r.headers['authorization'])).toEqual([
      'Bearer stale-token',
      'Bearer fresh-token',
    ]);
  });
});

test('the token request uses redirect: manual and a redirect is an AuthError', async () => {
  let redirect: RequestRedirect | undefined;
  const fake = createFakeFetch((request) =>
    request.url === TOKEN_URL
      ? new Response(null, { status: 302, headers: { location: 'http://evil.test/' } })
      : json(200, list),
  );
  const spy: typeof fetch = (input, init) => {
    if (String(input) === TOKEN_URL) redirect = init?.redirect;
    return fake.fetch(input, init);
  };
  await expect(client(spy).entitlements.list()).rejects.toMatchObject({ code: 'AUTH_ERROR', status: 302 });
  expect(redirect).toBe('manual');
  expect(fake.gatewayRequests()).toHaveLength(0);
  void tokenAnswer;
});
