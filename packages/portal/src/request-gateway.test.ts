import { describe, expect, it } from 'vitest';
import { correlationIdOf, createRequestGatewayBinder } from './request-gateway.js';
import { fakeGateway, listed } from '../test/fake-gateway.js';

const LIST = 'GET /crm-gateway/v1/rmg/v1/entitlements';

describe('createRequestGatewayBinder', () => {
  it('binds the correlation id and a per-request tenant on the one shared client', async () => {
    const { client, seen } = fakeGateway({ [LIST]: () => listed() });
    const binder = createRequestGatewayBinder<{ tenant: string }>({ client, tenantId: (req) => req.tenant });
    expect(binder.client).toBe(client);
    const one = binder.bind({ correlationId: 'c-1' }, { tenant: 'tenant-a' });
    const two = binder.bind({ correlationId: 'c-2' }, { tenant: 'tenant-b' });
    await Promise.all([one.gateway.entitlements.list(), two.gateway.entitlements.list()]);
    const sent = seen.map((r) => [r.headers.get('x-correlation-id'), r.headers.get('nv-tenant-id')]).sort();
    expect(sent).toEqual([
      ['c-1', 'tenant-a'],
      ['c-2', 'tenant-b'],
    ]);
    expect(correlationIdOf(one.gateway)).toBe('c-1');
    expect(correlationIdOf(client)).toBeUndefined();
  });

  it("keeps the client's tenant when no tenant is given", async () => {
    const { client, seen } = fakeGateway({ [LIST]: () => listed() });
    const { gateway } = createRequestGatewayBinder({ client }).bind({ correlationId: 'c-1' }, {});
    await gateway.entitlements.list();
    expect(seen[0]?.headers.get('nv-tenant-id')).toBe('tenant1');
  });

  it('builds one client from client options, used by every request (one token for all)', async () => {
    let tokenCalls = 0;
    const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = new URL(new Request(input, init).url);
      if (url.pathname.endsWith('/token')) {
        tokenCalls += 1;
        return Response.json({ access_token: 'tok', token_type: 'Bearer', expires_in: 300 });
      }
      return Response.json({ totalRecords: 0, resourceSet: [] });
    };
    const binder = createRequestGatewayBinder<unknown>({
      baseUrl: 'https://gateway.test',
      tenantId: 'tenant1',
      auth: { tokenUrl: 'https://gateway.test/token', clientId: 'crm_client', username: 'u', password: 'p' },
      fetch: fetchImpl as typeof fetch,
    });
    const requests = Array.from({ length: 5 }, (_, i) => binder.bind({ correlationId: `c-${i}` }, {}));
    await Promise.all(requests.map((r) => r.gateway.entitlements.list()));
    expect(tokenCalls).toBe(1);
  });

  it('accepts a tenant resolver with client options', async () => {
    const { client } = fakeGateway({});
    expect(() =>
      createRequestGatewayBinder<unknown>({
        baseUrl: 'https://gateway.test',
        tenantId: () => 'tenant2',
        auth: { getAccessToken: async () => 't' },
      }),
    ).not.toThrow();
    expect(client).toBeDefined();
  });

  it.each<[string, unknown, RegExp]>([
    ['no options', undefined, /options/],
    ['an empty tenant', { tenantId: '' }, /tenantId/],
    ['a numeric tenant', { tenantId: 3 }, /tenantId/],
  ])('refuses %s', (_label, extra, message) => {
    const { client } = fakeGateway({});
    const options = extra === undefined ? undefined : { client, ...(extra as object) };
    expect(() => createRequestGatewayBinder(options as never)).toThrow(message);
  });

  it('throws when the tenant resolver gives no tenant', () => {
    const { client } = fakeGateway({});
    const binder = createRequestGatewayBinder<unknown>({ client, tenantId: () => '' });
    expect(() => binder.bind({ correlationId: 'c' }, {})).toThrow(/tenant/);
  });
});
