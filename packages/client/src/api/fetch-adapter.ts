import { findOperation } from './operations.js';
import type { Transport } from '../transport/transport.js';
import { newCorrelationId } from '../internal/correlation-id.js';
import { checkHeaderToken } from '../validation/validate.js';
import type { CallDefaults } from '../client/call-settings.js';

/** Statuses whose Response must have a null body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The custom `fetch` handed to openapi-fetch: it turns openapi-fetch's `Request` into one transport call, so the
 * retry loop, tokens and the client-filled headers live under openapi-fetch's middleware (middleware runs once per
 * call and sees the final answer only).
 */
export function createFetchAdapter(
  transport: Transport,
  basePath: string,
  defaults: CallDefaults,
): (request: Request) => Promise<Response> {
  return async (request: Request): Promise<Response> => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    delete headers['authorization'];
    const correlationId = checkHeaderToken(
      headers['x-correlation-id'] ?? defaults.correlationId ?? newCorrelationId(),
      'correlationId',
    );
    const tenantId = checkHeaderToken(headers['nv-tenant-id'] ?? defaults.tenantId, 'tenantId');
    delete headers['x-correlation-id'];
    delete headers['nv-tenant-id'];
    const pathname = new URL(request.url).pathname;
    const relative = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
    const operation = findOperation(request.method, relative)?.operationId ?? `${request.method} ${relative}`;
    const body = request.body === null ? undefined : await request.text();
    const answer = await transport.execute({
      operation,
      method: request.method,
      url: request.url,
      headers,
      ...(body === undefined ? {} : { body }),
      correlationId,
      tenantId,
      signal: request.signal,
      timeoutMs: defaults.timeoutMs,
      totalTimeoutMs: defaults.totalTimeoutMs,
      maxRetries: defaults.maxRetries,
    });
    const responseHeaders = new Headers(answer.headers);
    responseHeaders.delete('content-encoding');
    responseHeaders.delete('content-length');
    responseHeaders.delete('transfer-encoding');
    return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.text, {
      status: answer.status,
      headers: responseHeaders,
    });
  };
}
