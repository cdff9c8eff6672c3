import type { CallDefaults } from '../client/call-settings.js';
import { newCorrelationId } from '../internal/correlation-id.js';
import type { OutgoingRequest, Transport } from '../transport/transport.js';
import { checkHeaderToken } from '../validation/validate.js';

/**
 * The custom `fetch` of `client.api` calls: the transport (retry loop, tokens, client-filled headers) with the
 * call's settings taken from the request (a header given at the call site wins) and this view's defaults.
 */
export function createFetchAdapter(
  transport: Transport,
  defaults: CallDefaults,
): (request: OutgoingRequest) => Promise<Response> {
  return async (request) =>
    transport(request, {
      ...defaults,
      operation: `${request.method} ${new URL(request.url).pathname}`,
      correlationId: checkHeaderToken(
        request.headers.get('x-correlation-id') ?? defaults.correlationId ?? newCorrelationId(),
        'correlationId',
      ),
      tenantId: checkHeaderToken(request.headers.get('nv-tenant-id') ?? defaults.tenantId, 'tenantId'),
      signal: request.signal ?? undefined,
    });
}
