import { describe, expect, test } from 'vitest';
import {
  BASE_URL,
  TOKEN_URL,
  createFakeFetch,
  gatewayWithTokens,
  json,
  tokenAnswer,
} from '../../test/fake-fetch.js';
import { ValidationError } from '../errors/validation-error.js';
import { AuthError } from '../errors/auth-error.js';
import { isCorrelationId, newCorrelationId } from '../internal/correlation-id.js';
import { createCrmGatewayClient } from './create-client.js';
import type { CrmGatewayClientOptions } from './options.js';

const auth = { tokenUrl: TOKEN_URL, clientId: 'crm_client', username: 'user', password: 'pw-secret-1' };

function options(
  fetch: typeof globalThis.fetch,
  extra: Partial<CrmGatewayClientOptions> = {},
): CrmGatewayClientOptions {
  return {
    baseUrl: BASE_URL,
    tenantId: 'tenant1',
    auth,
    fetch,
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
    ...extra,
  };
}

describe('createCrmGatewayClient options', () => {
  test.each([
    [{ baseUrl: '' }, 'baseUrl'],
    [{ baseUrl: 'ftp://x' }, 'baseUrl'],
    [{ tenantId: '' }, 'tenantId'],
    [{ tenantId: 'bad\r\nx-injected: 1' }, 'tenantId'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ totalTimeoutMs: Number.NaN }, 'totalTimeoutMs'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ auth: {} as never }, 'auth.tokenUrl'],
    [{ auth: { tokenUrl: TOKEN_URL, clientId: '' } as never }, 'auth.clientId'],
    [{ auth: { tokenUrl: TOKEN_URL, clientId: 'c' } as never }, 'auth'],
    [{ auth: { tokenUrl: TOKEN_URL, clientId: 'c', username: 'u' } as never }, 'auth.password'],
    [{ auth: { getAccessToken: 'x' } as never }, 'auth.getAccessToken'],
    [{ backoff: { initialDelayMs: -5 } }, 'backoff.initialDelayMs'],
    [{ baseUrl: 'http://gateway.example' }, 'baseUrl'],
    [{ baseUrl: 'http://10.0.0.1:8080' }, 'baseUrl'],
    [{ baseUrl: 'http://127.0.0.1.example' }, 'baseUrl'],
    [{ auth: { ...auth, tokenUrl: 'http://keycloak.example/token' } }, 'auth.tokenUrl'],
    [
      { auth: { keycloakUrl: 'http://keycloak.example/auth', clientId: 'c', clientSecret: 's' } },
      'auth.keycloakUrl',
    ],
    [{ allowInsecureHttp: 'yes' as never }, 'allowInsecureHttp'],
  ])('%j is refused naming %s', (extra, field) => {
    const fake = createFakeFetch(() => json(500, {}));
    let caught: unknown;
    try {
      createCrmGatewayClient(options(fake.fetch, extra as Partial<CrmGatewayClientOptions>));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).field).toBe(field);
    expect(fake.requests).toHaveLength(0);
  });

  test.each([
    'http://127.0.0.1:4010',
    'http://127.9.9.9',
    'http://localhost:80',
    'http://[::1]:4010',
    'https://x.example',
  ])('%s is accepted without allowInsecureHttp', (url) => {
    const fake = createFakeFetch(() => json(500, {}));
    expect(() =>
      createCrmGatewayClient(
        options(fake.fetch, { baseUrl: url, auth: { ...auth, tokenUrl: `${url}/token` } }),
      ),
    ).not.toThrow();
  });

  test('allowInsecureHttp: true accepts plain http on any host', () => {
    const fake = createFakeFetch(() => json(500, {}));
    const insecure = {
      baseUrl: 'http://gateway.example',
      auth: { ...auth, tokenUrl: 'http://keycloak.example/t' },
    };
    expect(() =>
      createCrmGatewayClient(options(fake.fetch, { ...insecure, allowInsecureHttp: true })),
    ).not.toThrow();
    expect(() => createCrmGatewayClient(options(fake.fetch, insecure))).toThrow(/baseUrl: must be https/);
  });

  test('keycloakUrl + realm builds the token URL (realm defaults to nagra)', async () => {
    const fake = gatewayWithTokens(() => json(200, { totalRecords: 0, resourceSet: [] }));
    const client = createCrmGatewayClient(
      options(fake.fetch, {
        auth: { keycloakUrl: `${BASE_URL}/keycloak/auth/`, clientId: 'crm_service', clientSecret: 's3cr3t' },
      }),
    );
    await client.entitlements.list();
    expect(fake.tokenRequests()).toHaveLength(1);
    const body = new URLSearchParams(fake.tokenRequests()[0]!.body);
    expect(body.get('grant_type')).toBe('client_credentials');
    expect(body.get('client_secret')).toBe('s3cr3t');
  });
});

describe('headers of every request', () => {
  test('Authorization, nv-tenant-id, x-correlation-id and content-type with a body', async () => {
    const fake = gatewayWithTokens(() => json(201, { _id: 'x' }));
    const client = createCrmGatewayClient(options(fake.fetch));
    const result = await client.entitlements.purchaseThirdPartyProduct(
      { accountId: 'a1', productId: 'p1' },
      { correlationId: 'corr-123' },
    );
    const [request] = fake.gatewayRequests();
    expect(request!.headers['authorization']).toMatch(/^Bearer token-/);
    expect(request!.headers['nv-tenant-id']).toBe('tenant1');
    expect(request!.headers['x-correlation-id']).toBe('corr-123');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(result.correlationId).toBe('corr-123');
  });

  test('a generated correlation id when none is given; tenant overridable per call and by withContext', async () => {
    const fake = gatewayWithTokens(() => json(200, { totalRecords: 0, resourceSet: [] }));
    const client = createCrmGatewayClient(options(fake.fetch));
    const first = await client.entitlements.list();
    await client.entitlements.list({}, { tenantId: 'tenant2' });
    const scoped = client.withContext({ tenantId: 'tenant3', correlationId: 'ctx-corr' });
    const third = await scoped.entitlements.list();
    await scoped.api.GET('/crm-gateway/v1/rmg/v1/entitlements');
    const requests = fake.gatewayRequests();
    expect(first.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests[0]!.headers['x-correlation-id']).toBe(first.correlationId);
    expect(requests[0]!.headers['content-type']).toBeUndefined();
    expect(requests.map((r) => r.headers['nv-tenant-id'])).toEqual([
      'tenant1',
      'tenant2',
      'tenant3',
      'tenant3',
    ]);
    expect(third.correlationId).toBe('ctx-corr');
    expect(requests[3]!.headers['x-correlation-id']).toBe('ctx-corr');
    // One token for the client and all its views.
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  test('client.api: headers the caller gives win; others are filled; HTTP errors come back as error', async () => {
    const fake = gatewayWithTokens((request) =>
      request.url.includes('missing')
        ? json(404, { resultCode: 'ENTITLEMENT_NOT_FOUND' })
        : json(200, { totalRecords: 0, resourceSet: [] }),
    );
    const client = createCrmGatewayClient(options(fake.fetch));
    const ok = await client.api.GET('/crm-gateway/v1/rmg/v1/entitlements', {
      params: { header: { 'x-correlation-id': 'mine' }, query: { limit: 5 } },
    });
    expect(ok.data).toEqual({ totalRecords: 0, resourceSet: [] });
    const notFound = await client.api.DELETE('/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}', {
      params: { path: { entitlementId: 'missing' } },
    });
    expect(notFound.error).toEqual({ resultCode: 'ENTITLEMENT_NOT_FOUND' });
    expect(notFound.response.status).toBe(404);
    const [first, second] = fake.gatewayRequests();
    expect(first!.headers['x-correlation-id']).toBe('mine');
    expect(first!.url).toBe(`${BASE_URL}/crm-gateway/v1/rmg/v1/entitlements?limit=5`);
    expect(second!.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.headers['nv-tenant-id']).toBe('tenant1');
  });

  test('client.api refuses CR/LF in a header and a bad path id before any request', async () => {
    const fake = gatewayWithTokens(() => json(200, {}));
    const client = createCrmGatewayClient(options(fake.fetch));
    await expect(
      client.api.GET('/crm-gateway/v1/rmg/v1/entitlements', {
        params: { header: { 'nv-tenant-id': 'tenant1\r\nx-evil: 1' } },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'params.header.nv-tenant-id' });
    await expect(
      client.api.DELETE('/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}', {
        params: { path: { entitlementId: '..' } },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'params.path.entitlementId' });
    await expect(
      client.api.DELETE('/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}', {
        params: { path: { entitlementId: 'a\u0000b' } },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'params.path.entitlementId' });
    await expect(
      client.api.GET('/crm-gateway/v1/rmg/v1/entitlements', { headers: { 'x-extra': 'a\nb' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'headers.x-extra' });
    expect(fake.requests).toHaveLength(0);
  });

  test('client.api middleware runs once per call and sees only the final answer', async () => {
    let calls = 0;
    const fake = gatewayWithTokens(() => (calls++ < 2 ? json(503, {}) : json(200, { totalRecords: 0 })));
    const client = createCrmGatewayClient(options(fake.fetch));
    const seen: number[] = [];
    client.api.use({
      onResponse: ({ response }) => {
        seen.push(response.status);
      },
    });
    const { data } = await client.api.GET('/crm-gateway/v1/rmg/v1/entitlements');
    expect(data).toEqual({ totalRecords: 0 });
    expect(seen).toEqual([200]);
    expect(fake.gatewayRequests()).toHaveLength(3);
  });
});

describe('client.context', () => {
  test('what the client and each withContext view were bound with, as a frozen value', () => {
    const fake = gatewayWithTokens(() => json(200, {}));
    const client = createCrmGatewayClient(options(fake.fetch));
    const scoped = client.withContext({ correlationId: 'ctx-1' });
    const moved = scoped.withContext({ tenantId: 'tenant2' });
    expect(client.context).toEqual({ tenantId: 'tenant1' });
    expect(scoped.context).toEqual({ tenantId: 'tenant1', correlationId: 'ctx-1' });
    expect(moved.context).toEqual({ tenantId: 'tenant2', correlationId: 'ctx-1' });
    expect(Object.isFrozen(scoped.context)).toBe(true);
    expect(() => client.withContext({ correlationId: 'a b' })).toThrow(ValidationError);
  });
});

describe('newCorrelationId and isCorrelationId', () => {
  test('one generator, one rule (the spec HeaderToken that every call applies)', async () => {
    const id = newCorrelationId();
    expect(isCorrelationId(id)).toBe(true);
    expect(newCorrelationId()).not.toBe(id);
    for (const good of ['order-42', 'x'.repeat(128), '!~']) expect(isCorrelationId(good)).toBe(true);
    for (const bad of [42, undefined, null]) expect(isCorrelationId(bad)).toBe(false);
    const fake = gatewayWithTokens(() => json(200, { totalRecords: 0 }));
    const client = createCrmGatewayClient(options(fake.fetch));
    for (const bad of ['', 'a b', 'a\r\nb', 'x'.repeat(129), 'é']) {
      expect(isCorrelationId(bad)).toBe(false);
      await expect(client.entitlements.list({}, { correlationId: bad })).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe('token endpoint failures', () => {
  test('become AuthError with the OAuth code and no secret', async () => {
    const fake = createFakeFetch((request) =>
      request.url === TOKEN_URL
        ? json(401, { error: 'invalid_client', error_description: 'bad secret pw-secret-1' })
        : json(200, {}),
    );
    const client = createCrmGatewayClient(options(fake.fetch));
    const error = await client.entitlements.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).oauthError).toBe('invalid_client');
    expect((error as AuthError).status).toBe(401);
    expect(JSON.stringify(error)).not.toContain('pw-secret-1');
    expect(String((error as AuthError).message)).not.toContain('pw-secret-1');
    expect(fake.gatewayRequests()).toHaveLength(0);
    const form = new URLSearchParams(fake.tokenRequests()[0]!.body);
    expect(form.get('grant_type')).toBe('password');
    expect(form.get('username')).toBe('user');
  });

  test('a 503 of the token endpoint is retried like a gateway 503', async () => {
    let tokenCalls = 0;
    const fake = createFakeFetch((request) => {
      if (request.url !== TOKEN_URL) return json(200, { totalRecords: 0 });
      tokenCalls += 1;
      return tokenCalls === 1 ? json(503, { error: 'temporarily_unavailable' }) : tokenAnswer();
    });
    const client = createCrmGatewayClient(options(fake.fetch));
    await expect(client.entitlements.list()).resolves.toMatchObject({ totalRecords: 0 });
    expect(tokenCalls).toBe(2);
  });
});
