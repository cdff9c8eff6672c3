import type { CallContext } from '../client/call-context.js';
import type { LightRequest } from '../transport/light-messages.js';
import type { Transport } from '../transport/transport.js';

/** The part of an openapi-fetch init an entitlement method gives: path and query parameters, a JSON body. */
export interface DirectInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
}

/** What a `client.api` call resolves to (openapi-fetch's shape), `data` read as text. */
export interface DirectResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

const PATH_PARAMETER = /\{([^{}]+)\}/g;

/**
 * The URL of an entitlement call, as openapi-fetch builds it for the values these calls send: `path` under
 * `baseUrl` (no trailing slash), each `{name}` replaced by its value percent-encoded, and the query's defined
 * values (strings, numbers, booleans) appended as `name=value`, percent-encoded.
 *
 * @example
 * ```ts
 * callUrl('https://opf.example', '/entitlements/{entitlementId}', { path: { entitlementId: 'a b' } });
 * // 'https://opf.example/entitlements/a%20b'
 * ```
 */
export function callUrl(baseUrl: string, path: string, params: DirectInit['params'] = {}): string {
  let url =
    baseUrl +
    path.replace(PATH_PARAMETER, (match, name: string) => {
      const value = params.path?.[name];
      return value === undefined || value === null ? match : encodeURIComponent(String(value));
    });
  let separator = '?';
  for (const name in params.query) {
    const value = params.query[name];
    if (value === undefined || value === null) continue;
    url += `${separator}${name}=${encodeURIComponent(String(value))}`;
    separator = '&';
  }
  return url;
}

/**
 * Sends an entitlement method's call straight to the transport when no middleware can see it: the request
 * openapi-fetch would build (same URL, method, JSON body and content type), without building it through
 * `Request` and `Headers` objects only the transport would read. The answer is read as openapi-fetch reads it
 * with `parseAs: 'text'`: a 2xx body as `data` (text), any other as `error` (parsed when JSON).
 */
export async function sendDirect(
  transport: Transport,
  baseUrl: string,
  method: string,
  path: string,
  init: DirectInit,
  call: CallContext,
): Promise<DirectResult> {
  const { params, body } = init;
  const request: LightRequest = {
    url: callUrl(baseUrl, path, params),
    method: method.toUpperCase(),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
  const response = await transport(request, call);
  const text = await response.text();
  if (response.ok) return { data: text, response };
  try {
    return { error: JSON.parse(text), response };
  } catch {
    return { error: text, response };
  }
}
