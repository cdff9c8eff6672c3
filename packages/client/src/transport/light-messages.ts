/**
 * An entitlement call no middleware can see, as the client sends it (see `sendDirect`): its URL, method, own
 * headers (the content type) and serialized body, without the cost of a `Request` (a body stream, a derived
 * signal, a `Headers` object) that only the client's own `fetch` would read.
 */
export interface LightRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

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
