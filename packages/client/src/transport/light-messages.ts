/**
 * The request openapi-fetch builds (as its `Request` class) when no middleware can see it: the URL and the init
 * as given, without the cost of a `Request` (a body stream, a derived signal) that only the client's own `fetch`
 * would read. With middleware registered the client hands openapi-fetch the real `Request` class instead.
 */
export class LightRequest {
  declare method: string;
  declare headers: Headers;
  declare body: BodyInit | null | undefined;
  declare signal: AbortSignal | null | undefined;

  constructor(
    readonly url: string,
    init: RequestInit,
  ) {
    Object.assign(this, init);
  }
}

/**
 * The client's own view of a final answer whose body it has read already: what openapi-fetch reads of a response
 * (`status`, `ok`, `headers`, `text()`), handed back only for the entitlement methods' calls when no middleware can
 * see it.
 */
export const lightResponse = (response: Response, text: string): Response =>
  ({
    status: response.status,
    ok: response.ok,
    headers: response.headers,
    text: async () => text,
  }) as Response;

/** A real `Response` of an answer whose body was read already (middleware and `client.api` callers see it). */
export function rebuiltResponse(response: Response, text: string): Response {
  const { status } = response;
  const headers = new Headers(response.headers);
  // The text is decoded already: its old length and encoding no longer apply.
  for (const name of ['content-encoding', 'content-length', 'transfer-encoding']) headers.delete(name);
  return new Response([101, 204, 205, 304].includes(status) ? null : text, { status, headers });
}
