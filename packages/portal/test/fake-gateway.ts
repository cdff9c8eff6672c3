/**
 * Test-only: a real client whose `fetch` is an in-process fake of the gateway, for unit tests of the portal
 * core (the plugins' scenario tests use the real emulator over HTTP).
 * @internal
 */
import { createCrmGatewayClient, type CrmGatewayClient } from '@crm-gateway/client';

/** One request the fake saw. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** Answers a request: a JSON body with a status, or a thrown error (a network failure). */
export type FakeRoute = (
  request: SeenRequest,
) => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;

/** A client on a fake gateway; `routes` is matched by `"<METHOD> <path prefix>"`, longest first. */
export function fakeGateway(routes: Record<string, FakeRoute>): {
  client: CrmGatewayClient;
  seen: SeenRequest[];
} {
  const seen: SeenRequest[] = [];
  const keys = Object.keys(routes).sort((a, b) => b.length - a.length);
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const text = await request.text();
    const entry: SeenRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
    seen.push(entry);
    const key = keys.find((k) => {
      const [method, prefix] = k.split(' ') as [string, string];
      return method === entry.method && entry.url.pathname.startsWith(prefix);
    });
    if (key === undefined)
      return Response.json({ resultCode: 'NOT_FOUND', result: 'no route' }, { status: 404 });
    const answer = await routes[key]!(entry);
    return answer.body === undefined
      ? new Response(null, { status: answer.status })
      : Response.json(answer.body, { status: answer.status });
  };
  const client = createCrmGatewayClient({
    baseUrl: 'https://gateway.test',
    tenantId: 'tenant1',
    auth: { getAccessToken: async () => 'test-token' },
    fetch: fetchImpl as typeof fetch,
    maxRetries: 0,
  });
  return { client, seen };
}

/** A stored entitlement as the fake lists it. */
export function entitlement(fields: Partial<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    _id: 'e-1',
    accountId: 'account-alice',
    productId: 'Netflix_EU_B_BUNDLE_BASIC',
    productType: 'THIRDPARTY',
    status: 'ACTIVE',
    created: '2026-11-26T10:00:00.000Z',
    modified: '2026-11-26T11:00:00.000Z',
    ...fields,
  };
}

/** A list answer holding `items`. */
export function listed(...items: Record<string, unknown>[]): { status: number; body: unknown } {
  return { status: 200, body: { totalRecords: items.length, resourceSet: items } };
}
