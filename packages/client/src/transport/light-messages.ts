/** What a {@link LightRequest} holds: the URL and the init openapi-fetch built. */
export interface LightRequest {
  url: string;
  method: string;
  headers: Headers;
  body?: BodyInit | null | undefined;
  signal?: AbortSignal | null | undefined;
}

/**
 * The request openapi-fetch builds (as its `Request` class) for an entitlement call when no middleware can see it:
 * the URL and the init as given, without the cost of a `Request` (a body stream, a derived signal) that only the
 * client's own `fetch` would read. With middleware registered the client hands openapi-fetch `Request` itself.
 */
export const LightRequest = function (url: string, init: RequestInit & { url?: string }) {
  // openapi-fetch builds `init` for this call alone: it becomes the request, without a copy.
  init.url = url;
  return init;
} as unknown as typeof Request;

/**
 * The client's own view of a final answer whose body it has read already: what openapi-fetch reads of a response
 * (`status`, `ok`, `headers`, `text()`), the answer to a {@link LightRequest} (no middleware sees it).
 */
export const lightResponse = (response: Response, text: string): Response =>
  ({
    status: response.status,
    ok: response.ok,
    headers: response.headers,
    text: async () => text,
  }) as Response;

/**
 * A real `Response` of an answer whose body was read already (middleware and `client.api` callers see it): the
 * same status and headers, as `fetch` gives them, with the text as its body.
 */
export const rebuiltResponse = (response: Response, text: string): Response =>
  new Response(text || null, response);
