import fc from 'fast-check';
import createClient from 'openapi-fetch';
import { describe, expect, test } from 'vitest';
import type { CallContext } from '../client/call-context.js';
import type { OutgoingRequest } from '../transport/transport.js';
import { createRedactor } from '../internal/redactor.js';
import { createSharedApi } from './create-api.js';
import { callUrl, sendDirect } from './direct-call.js';

/** The URL openapi-fetch builds for the same call (what the direct road must equal). */
async function openapiFetchUrl(baseUrl: string, path: string, params: object): Promise<string> {
  let seen = '';
  const client = createClient({
    baseUrl,
    fetch: async (request: Request) => {
      seen = request.url;
      return new Response('{}', { status: 200 });
    },
  });
  await (client.request as (m: string, p: string, i: object) => Promise<unknown>)('get', path, { params });
  return seen;
}

const call: CallContext = {
  tenantId: 'tenant1',
  correlationId: 'c-1',
  timeoutMs: 1_000,
  totalTimeoutMs: 2_000,
  maxRetries: 0,
  operation: 'test',
};

describe('callUrl', () => {
  test('builds the URL openapi-fetch builds, for any identifier and query scalar', async () => {
    const identifier = fc.string({ minLength: 1, maxLength: 40, unit: 'binary' });
    const scalar = fc.oneof(identifier, fc.integer(), fc.boolean(), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(
        identifier,
        fc.dictionary(fc.constantFrom('filter', 'limit', 'page'), scalar),
        async (id, query) => {
          const path = '/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}';
          const params = { path: { entitlementId: id }, query };
          // Parsed by URL (as fetch does) on both sides: the same request line.
          expect(new URL(callUrl('http://127.0.0.1:9', path, params)).href).toBe(
            new URL(await openapiFetchUrl('http://127.0.0.1:9', path, params)).href,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  test('encodes reserved characters of a path parameter and a query value', () => {
    expect(
      callUrl('https://opf.example', '/e/{entitlementId}', {
        path: { entitlementId: 'a/b?c#d e' },
        query: { filter: '{"_id":"x&y=z"}', page: 2, skip: undefined, flag: false },
      }),
    ).toBe(
      'https://opf.example/e/a%2Fb%3Fc%23d%20e?filter=%7B%22_id%22%3A%22x%26y%3Dz%22%7D&page=2&flag=false',
    );
  });
});

test('the shared api keeps the base URL as openapi-fetch does: one trailing slash dropped', async () => {
  const shared = createSharedApi('http://127.0.0.1:9/', createRedactor());
  const path = '/crm-gateway/v2/rmg/v1/entitlements';
  expect(callUrl(shared.baseUrl, path)).toBe(await openapiFetchUrl('http://127.0.0.1:9/', path, {}));
});

describe('sendDirect', () => {
  const transportAnswering =
    (status: number, text: string, seen: OutgoingRequest[]) => async (request: OutgoingRequest) => {
      seen.push(request);
      return { status, ok: status < 300, headers: new Headers(), text: async () => text } as Response;
    };

  test('sends the JSON body with its content type and reads a 2xx body as text', async () => {
    const seen: OutgoingRequest[] = [];
    const result = await sendDirect(
      transportAnswering(201, '{"_id":"e-1"}', seen),
      'https://opf.example',
      'post',
      '/crm-gateway/v2/rmg/v1/entitlements',
      { params: { query: { prohibitDuplicateProductPurchase: true } }, body: { accountId: 'a' } },
      call,
    );
    expect(result.data).toBe('{"_id":"e-1"}');
    expect(result.error).toBeUndefined();
    expect(seen).toEqual([
      {
        url: 'https://opf.example/crm-gateway/v2/rmg/v1/entitlements?prohibitDuplicateProductPurchase=true',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"accountId":"a"}',
      },
    ]);
  });

  test('sends no body and no content type without a body, and parses an error answer when it is JSON', async () => {
    const seen: OutgoingRequest[] = [];
    const json = await sendDirect(
      transportAnswering(404, '{"resultCode":"x"}', seen),
      'https://o',
      'get',
      '/p',
      {},
      call,
    );
    expect(json.error).toEqual({ resultCode: 'x' });
    expect(seen[0]).toMatchObject({ method: 'GET', headers: {}, body: undefined });
    const text = await sendDirect(transportAnswering(503, 'busy', seen), 'https://o', 'get', '/p', {}, call);
    expect(text.error).toBe('busy');
  });
});
