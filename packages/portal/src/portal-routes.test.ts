import { describe, expect, it } from 'vitest';
import { InvalidJsonBodyError, parseJsonBody } from './json-body.js';
import { PORTAL_ROUTES, runPortalRoute } from './portal-routes.js';
import { entitlement, fakeGateway, listed } from '../test/fake-gateway.js';

const CREATE = 'POST /crm-gateway/v2/rmg/v1/entitlements';
const JSON_REQUEST = { contentType: 'application/json' };

describe('PORTAL_ROUTES', () => {
  it('is the documented table every plugin mounts', () => {
    expect(
      Object.values(PORTAL_ROUTES).map((r) => `${r.method} ${r.path}${r.hasBody ? ' (body)' : ''}`),
    ).toEqual([
      'POST /purchases (body)',
      'GET /entitlements',
      'GET /entitlements/:entitlementId/activation',
      'POST /entitlements/:entitlementId/cancel (body)',
      'POST /entitlements/:entitlementId/suspend',
      'POST /entitlements/:entitlementId/resume',
    ]);
  });
});

describe('runPortalRoute', () => {
  it.each([
    ['no content type', {}],
    ['text/plain (a cross-site form or fetch)', { contentType: 'text/plain' }],
    ['a form', { contentType: 'application/x-www-form-urlencoded' }],
    ['multipart', { contentType: 'multipart/form-data; boundary=x' }],
  ])(
    'answers 415 to a state-changing request with %s, before the session or OPF',
    async (_label, headers) => {
      const { client, seen } = fakeGateway({});
      let resolved = false;
      const answer = await runPortalRoute(
        PORTAL_ROUTES.suspend,
        {
          resolveAccountId: () => {
            resolved = true;
            return 'account-alice';
          },
        },
        { request: {}, headers, gateway: client, correlationId: 'c-1', entitlementId: 'e-1' },
      );
      expect(answer).toMatchObject({
        status: 415,
        body: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type', correlationId: 'c-1' },
      });
      expect(resolved).toBe(false);
      expect(seen).toEqual([]);
    },
  );

  it.each(['application/json', 'application/json; charset=utf-8', 'application/merge-patch+json'])(
    'accepts %s',
    async (contentType) => {
      const { client } = fakeGateway({ [CREATE]: () => ({ status: 201, body: { _id: 'e-new' } }) });
      const answer = await runPortalRoute(
        PORTAL_ROUTES.purchase,
        { resolveAccountId: () => 'account-alice' },
        {
          request: {},
          headers: { contentType },
          gateway: client,
          correlationId: 'c-1',
          readBody: async () => ({ productId: 'P1' }),
        },
      );
      expect(answer.status).toBe(201);
    },
  );

  it('answers 403 to an Origin outside allowedOrigins; a listed one, or none (a server), passes', async () => {
    const { client } = fakeGateway({ [CREATE]: () => ({ status: 201, body: { _id: 'e-new' } }) });
    const run = (origin?: string) =>
      runPortalRoute(
        PORTAL_ROUTES.purchase,
        { resolveAccountId: () => 'account-alice', allowedOrigins: ['https://portal.example'] },
        {
          request: {},
          headers: { contentType: 'application/json', ...(origin === undefined ? {} : { origin }) },
          gateway: client,
          correlationId: 'c-1',
          readBody: async () => ({ productId: 'P1' }),
        },
      );
    expect(await run('https://evil.example')).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN_ORIGIN' },
    });
    expect((await run('https://portal.example')).status).toBe(201);
    expect((await run()).status).toBe(201);
  });

  it('leaves GET routes alone (nothing changes)', async () => {
    const { client } = fakeGateway({ 'GET /crm-gateway/v1/rmg/v1/entitlements': () => listed() });
    const answer = await runPortalRoute(
      PORTAL_ROUTES.listEntitlements,
      { resolveAccountId: () => 'account-alice' },
      { request: {}, gateway: client, correlationId: 'c-1' },
    );
    expect(answer.status).toBe(200);
  });

  const created = () => ({ status: 201, body: { _id: 'e-new' } });

  it.each<[string, () => string | Promise<string>]>([
    [
      'throws',
      () => {
        throw new Error('no session');
      },
    ],
    ['rejects', () => Promise.reject(new Error('expired'))],
    ['answers an empty id', () => ''],
    ['answers a non-string', () => 42 as unknown as string],
  ])(
    'answers 401 without reading the body or calling OPF when resolveAccountId %s',
    async (_label, resolveAccountId) => {
      const { client, seen } = fakeGateway({ [CREATE]: created });
      let bodyRead = false;
      const answer = await runPortalRoute(
        PORTAL_ROUTES.purchase,
        { resolveAccountId },
        {
          request: {},
          headers: JSON_REQUEST,
          gateway: client,
          correlationId: 'c-1',
          readBody: async () => {
            bodyRead = true;
            return { productId: 'P1' };
          },
        },
      );
      expect(answer).toEqual({
        status: 401,
        body: { code: 'UNAUTHENTICATED', message: expect.any(String), correlationId: 'c-1' },
      });
      expect(bodyRead).toBe(false);
      expect(seen).toEqual([]);
    },
  );

  it('waits for an async account resolver and passes the request to it', async () => {
    const { client, seen } = fakeGateway({ [CREATE]: created });
    const request = { session: 'account-carol' };
    const answer = await runPortalRoute(
      PORTAL_ROUTES.purchase,
      { resolveAccountId: async (req: typeof request) => req.session },
      {
        request,
        headers: JSON_REQUEST,
        gateway: client,
        correlationId: 'c-1',
        readBody: async () => ({ productId: 'P1' }),
      },
    );
    expect(answer.status).toBe(201);
    expect(seen[0]?.body).toMatchObject({ accountId: 'account-carol' });
  });

  it('answers 400 naming body for text that is not JSON', async () => {
    const { client } = fakeGateway({});
    const answer = await runPortalRoute(
      PORTAL_ROUTES.purchase,
      { resolveAccountId: () => 'a' },
      {
        request: {},
        headers: JSON_REQUEST,
        gateway: client,
        correlationId: 'c-1',
        readBody: async () => parseJsonBody('{nope'),
      },
    );
    expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', field: 'body' } });
  });

  it('rethrows errors that are not the client’s, for the framework', async () => {
    const { client } = fakeGateway({});
    const bodyFailure = new Error('socket closed');
    await expect(
      runPortalRoute(
        PORTAL_ROUTES.purchase,
        { resolveAccountId: () => 'a' },
        {
          request: {},
          headers: JSON_REQUEST,
          gateway: client,
          correlationId: 'c-1',
          readBody: () => Promise.reject(bodyFailure),
        },
      ),
    ).rejects.toBe(bodyFailure);
    const broken = Object.create(client) as typeof client;
    Object.defineProperty(broken, 'entitlements', {
      value: { ...client.entitlements, get: () => Promise.reject(new TypeError('bug in a custom client')) },
    });
    await expect(
      runPortalRoute(
        PORTAL_ROUTES.suspend,
        { resolveAccountId: () => 'a' },
        {
          request: {},
          headers: JSON_REQUEST,
          gateway: broken,
          correlationId: 'c-1',
          entitlementId: 'e-1',
        },
      ),
    ).rejects.toThrow('bug in a custom client');
  });

  it('does not read a body for routes without one', async () => {
    const { client } = fakeGateway({
      'GET /crm-gateway/v1/rmg/v1/entitlements': () => listed(entitlement()),
    });
    let bodyRead = false;
    const answer = await runPortalRoute(
      PORTAL_ROUTES.listEntitlements,
      { resolveAccountId: () => 'account-alice' },
      {
        request: {},
        headers: JSON_REQUEST,
        gateway: client,
        correlationId: 'c-1',
        readBody: async () => {
          bodyRead = true;
          return undefined;
        },
      },
    );
    expect(answer.status).toBe(200);
    expect(bodyRead).toBe(false);
  });
});

describe('parseJsonBody', () => {
  it('parses JSON, reads blank text as no body, and throws InvalidJsonBodyError otherwise', () => {
    expect(parseJsonBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonBody('  ')).toBeUndefined();
    expect(() => parseJsonBody('{')).toThrow(InvalidJsonBodyError);
  });
});
