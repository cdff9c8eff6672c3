import type { CallDefaults } from '../client/call-settings.js';
import { newCorrelationId } from '../internal/correlation-id.js';
import type { Transport } from '../transport/transport.js';
import { checkHeaderToken } from '../validation/validate.js';

/**
 * The custom `fetch` handed to openapi-fetch: it turns openapi-fetch's `Request` into one transport call, so the
 * retry loop, tokens and the client-filled headers live under openapi-fetch's middleware (middleware runs once per
 * call and sees the final answer only).
 */
export function createFetchAdapter(
  transport: Transport,
  defaults: CallDefaults,
): (request: Request) => Promise<Response> {
  return async (request) => {
    // The transport sets `authorization` itself (a fresh token per attempt).
    const {
      authorization: _authorization,
      'x-correlation-id': correlationId,
      'nv-tenant-id': tenantId,
      ...rest
    } = Object.fromEntries(request.headers) as Record<string, string>;
    const answer = await transport({
      ...defaults,
      operation: `${request.method} ${new URL(request.url).pathname}`,
      method: request.method,
      url: request.url,
      headers: rest,
      body: request.body ? await request.text() : undefined,
      correlationId: checkHeaderToken(
        correlationId ?? defaults.correlationId ?? newCorrelationId(),
        'correlationId',
      ),
      tenantId: checkHeaderToken(tenantId ?? defaults.tenantId, 'tenantId'),
      signal: request.signal,
    });
    const responseHeaders = new Headers(answer.headers);
    for (const name of ['content-encoding', 'content-length', 'transfer-encoding'])
      responseHeaders.delete(name);
    return new Response([101, 204, 205, 304].includes(answer.status) ? null : answer.text, {
      status: answer.status,
      headers: responseHeaders,
    });
  };
}
