import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { BASE_URL, TOKEN_URL, createFakeFetch, json, type SeenRequest } from '../test/fake-fetch.js';
import { createCrmGatewayClient, type CrmGatewayClient } from './client/create-client.js';
import type { CrmGatewayClientOptions } from './client/options.js';
import { isCrmGatewayError } from './errors/is-crm-gateway-error.js';

const PASSWORD = 'Pa55-word-SECRET-4711';
const CLIENT_SECRET = 'client-SECRET-0815';
const ACCESS_TOKEN = 'eyJ-ACCESS-TOKEN-SECRET-1';
const REFRESH_TOKEN = 'eyJ-REFRESH-TOKEN-SECRET-2';
const SECRETS = [PASSWORD, CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN, 'ACCESS-TOKEN', 'SECRET'];

/** A hostile gateway and token endpoint that echo every credential they receive into their answers. */
function echoingFetch(route: (request: SeenRequest) => Response | Error | undefined) {
  return createFakeFetch((request) => {
    const echoed = `${request.headers['authorization'] ?? ''} ${request.body ?? ''}`;
    if (request.url === TOKEN_URL) {
      const custom = route(request);
      if (custom) return custom;
      return json(200, {
        access_token: ACCESS_TOKEN,
        refresh_token: REFRESH_TOKEN,
        expires_in: 300,
        token_type: 'Bearer',
      });
    }
    const answer = route(request);
    if (answer instanceof Error) return new Error(`${answer.message} ${echoed}`);
    if (answer) {
      return answer.status >= 400
        ? json(answer.status, {
            resultCode: 'X',
            result: `echo ${echoed}`,
            details: [{ field: 'header/authorization', message: echoed }],
            authorization: echoed,
          })
        : answer;
    }
    return json(200, { totalRecords: 0, resourceSet: [] });
  });
}

function clientWith(
  fetch: typeof globalThis.fetch,
  logLines: string[],
  extra: Partial<CrmGatewayClientOptions> = {},
): CrmGatewayClient {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  };
  return createCrmGatewayClient({
    baseUrl: BASE_URL,
    tenantId: 'tenant1',
    auth: {
      tokenUrl: TOKEN_URL,
      clientId: 'crm_client',
      username: 'user',
      password: PASSWORD,
      clientSecret: CLIENT_SECRET,
    },
    fetch,
    maxRetries: 1,
    timeoutMs: 50,
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    ...extra,
  });
}

function expectNoSecret(text: string, where: string): void {
  for (const secret of SECRETS) expect(text, `${where} contains ${secret}`).not.toContain(secret);
}

function renderings(error: unknown): string[] {
  const e = error as Error;
  return [String(e), e.message, JSON.stringify(e), inspect(e, { depth: 6 }), e.stack ?? ''];
}

describe('no secret or token in any error or log line', () => {
  const paths: [
    string,
    (request: SeenRequest) => Response | Error | undefined,
    (c: CrmGatewayClient) => Promise<unknown>,
  ][] = [
    [
      '403 token refused twice',
      (r) => (r.url === TOKEN_URL ? undefined : json(403, {})),
      (c) => c.entitlements.list(),
    ],
    ['401', (r) => (r.url === TOKEN_URL ? undefined : json(401, {})), (c) => c.entitlements.suspend('e1')],
    ['404 tenant', (r) => (r.url === TOKEN_URL ? undefined : json(404, {})), (c) => c.entitlements.list()],
    [
      '404 entitlement',
      (r) => (r.url === TOKEN_URL ? undefined : json(404, {})),
      (c) => c.entitlements.recover('e1'),
    ],
    [
      '400 fields',
      (r) => (r.url === TOKEN_URL ? undefined : json(400, {})),
      (c) => c.entitlements.cancel('e1', { category: 'REVOKED', code: 'OTHER' }),
    ],
    [
      '409 conflict',
      (r) =>
        r.url === TOKEN_URL
          ? undefined
          : r.method === 'POST'
            ? json(409, {})
            : json(200, { totalRecords: 0, resourceSet: [] }),
      (c) => c.entitlements.purchaseThirdPartyProduct({ accountId: 'a', productId: 'p' }),
    ],
    [
      '503 server',
      (r) => (r.url === TOKEN_URL ? undefined : json(503, {})),
      (c) => c.entitlements.delete('e1'),
    ],
    [
      'network',
      (r) => (r.url === TOKEN_URL ? undefined : new TypeError('fetch failed')),
      (c) => c.entitlements.list(),
    ],
    [
      'timeout',
      (r) => (r.url === TOKEN_URL ? undefined : (new Promise<never>(() => undefined) as never)),
      (c) => c.entitlements.list(),
    ],
    ['abort', () => undefined, (c) => c.entitlements.list({}, { signal: AbortSignal.abort() })],
    ['validation', () => undefined, (c) => c.entitlements.list({}, { correlationId: `x\r\n${PASSWORD}` })],
    ['validation of an id', () => undefined, (c) => c.entitlements.get(`${ACCESS_TOKEN}\u0007`)],
    [
      'token 400 echoing the password',
      (r) =>
        r.url === TOKEN_URL
          ? json(400, { error: 'invalid_grant', error_description: `bad ${r.body}` })
          : undefined,
      (c) => c.entitlements.list(),
    ],
    [
      'token 401 echoing the secret',
      (r) =>
        r.url === TOKEN_URL
          ? json(401, { error: 'invalid_client', error_description: `${CLIENT_SECRET}`, password: PASSWORD })
          : undefined,
      (c) => c.entitlements.list(),
    ],
    [
      'token non-JSON echo',
      (r) => (r.url === TOKEN_URL ? new Response(`oops ${r.body}`, { status: 500 }) : undefined),
      (c) => c.entitlements.list(),
    ],
    [
      'token unreachable',
      (r) => (r.url === TOKEN_URL ? new TypeError(`connect ECONNREFUSED ${r.body}`) : undefined),
      (c) => c.entitlements.list(),
    ],
  ];

  test.each(paths)('%s', async (_name, route, call) => {
    const logLines: string[] = [];
    const fake = echoingFetch(route);
    const client = clientWith(fake.fetch, logLines);
    const error = await call(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCrmGatewayError(error)).toBe(true);
    for (const text of renderings(error)) expectNoSecret(text, 'error');
    for (const line of logLines) expectNoSecret(line, 'log line');
  });

  test('getAccessToken failures keep only the error type', async () => {
    const fake = createFakeFetch(() => json(200, {}));
    const client = createCrmGatewayClient({
      baseUrl: BASE_URL,
      tenantId: 'tenant1',
      fetch: fake.fetch,
      auth: {
        getAccessToken: async () => {
          throw new Error(`vault said ${ACCESS_TOKEN}`);
        },
      },
    });
    const error = await client.entitlements.list().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH_ERROR' });
    for (const text of renderings(error)) expectNoSecret(text, 'error');
  });
});
