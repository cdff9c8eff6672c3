/** One request seen by a {@link FakeFetch}. */
export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** What a handler answers: a Response, or an Error to throw (a network failure). */
export type FakeAnswer = Response | Error;

/** An in-process `fetch` for unit tests: records every request and answers through `handler`. */
export interface FakeFetch {
  fetch: typeof fetch;
  requests: SeenRequest[];
  tokenRequests(): SeenRequest[];
  gatewayRequests(): SeenRequest[];
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export const TOKEN_URL = 'https://gateway.test/keycloak/auth/realms/nagra/protocol/openid-connect/token';
export const BASE_URL = 'https://gateway.test';

let issued = 0;

/** A token endpoint answer with a fresh token each time. */
export function tokenAnswer(expiresIn = 300, extra: Record<string, unknown> = {}): Response {
  issued += 1;
  return json(200, {
    access_token: `token-${issued}-${Math.random().toString(36).slice(2)}`,
    expires_in: expiresIn,
    refresh_token: `refresh-${issued}-${Math.random().toString(36).slice(2)}`,
    refresh_expires_in: 1800,
    token_type: 'Bearer',
    ...extra,
  });
}

export function createFakeFetch(
  handler: (request: SeenRequest, index: number) => FakeAnswer | Promise<FakeAnswer>,
): FakeFetch {
  const requests: SeenRequest[] = [];
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const seen: SeenRequest = {
      url,
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    requests.push(seen);
    const signal = init?.signal;
    if (signal?.aborted) throw signal.reason;
    const answer = await Promise.race([
      Promise.resolve(handler(seen, requests.length - 1)),
      new Promise<never>((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
    ]);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return {
    fetch: fakeFetch as typeof fetch,
    requests,
    tokenRequests: () => requests.filter((r) => r.url === TOKEN_URL),
    gatewayRequests: () => requests.filter((r) => r.url !== TOKEN_URL),
  };
}

/** Routes token requests to a token answer and everything else to `gateway`. */
export function gatewayWithTokens(
  gateway: (request: SeenRequest, index: number) => FakeAnswer | Promise<FakeAnswer>,
  token: (request: SeenRequest) => FakeAnswer | Promise<FakeAnswer> = () => tokenAnswer(),
): FakeFetch {
  let gatewayIndex = 0;
  return createFakeFetch((request) =>
    request.url === TOKEN_URL ? token(request) : gateway(request, gatewayIndex++),
  );
}
