import { describe, expect, it } from 'vitest';
import { InvalidJsonBodyError, parseJsonBody } from './json-body.js';
import { PORTAL_ROUTES, runPortalRoute } from './portal-routes.js';
import { entitlement, fakeGateway, listed } from '../test/fake-gateway.js';

const CREATE = 'POST /crm-gateway/v2/rmg/v1/entitlements';

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
      { request, gateway: client, correlationId: 'c-1', readBody: async () => ({ productId: 'P1' }) },
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
