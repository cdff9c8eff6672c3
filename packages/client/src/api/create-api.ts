import createClient, { type Client } from 'openapi-fetch';
import type { OutgoingRequest } from '../transport/transport.js';
import {
  checkHeaderToken,
  checkHeaderValue,
  checkIdentifier,
  checkPlainString,
} from '../validation/validate.js';
import type { CrmGatewayApi, GatewayPaths } from './gateway-api.js';

type Adapter = (request: OutgoingRequest) => Promise<Response>;
type Init = Record<string, unknown> | undefined;

/**
 * The openapi-fetch client shared by a client, all its `withContext` views and their entitlement methods
 * (middleware registered once sees every call), and the middleware registered on it through `client.api.use`.
 */
export interface SharedApi {
  raw: Client<GatewayPaths>;
  middleware: unknown[];
}

/** Creates the shared openapi-fetch client (see {@link SharedApi}). */
export const createSharedApi = (baseUrl: string): SharedApi => ({
  raw: createClient<GatewayPaths>({ baseUrl }),
  middleware: [],
});

/**
 * A view of the shared client that validates the header and path values of each call (no request for bad input)
 * and sends it through `adapter` (this view's defaults: tenant, correlation id, timeouts).
 */
export function createContextApi(shared: SharedApi, adapter: Adapter): CrmGatewayApi {
  const { raw, middleware } = shared;
  const untyped = raw as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const view: Record<string, unknown> = {
    // Counted before registering (one openapi-fetch refuses only costs the entitlement calls their light requests).
    use(...added: Parameters<typeof raw.use>) {
      middleware.push(...added);
      raw.use(...added);
    },
    eject(...removed: Parameters<typeof raw.eject>) {
      raw.eject(...removed);
      for (const m of removed) if (middleware.includes(m)) middleware.splice(middleware.indexOf(m), 1);
    },
  };
  for (const method of ['request', 'GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']) {
    view[method] = async (...args: unknown[]) => {
      const init = args[args.length - 1] as Init;
      const given = typeof init === 'object' && init !== null;
      if (given) checkInit(init);
      return untyped[method]!(...(given ? args.slice(0, -1) : args), {
        ...init,
        fetch: adapter,
      });
    };
  }
  return view as unknown as CrmGatewayApi;
}

function checkHeaders(entries: Iterable<[string, unknown]>, prefix: string): void {
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue;
    const field = `${prefix}.${name}`;
    if (/^(x-correlation-id|nv-tenant-id)$/i.test(name)) checkHeaderToken(value, field);
    else checkHeaderValue(String(value), field);
  }
}

function checkInit(init: Record<string, unknown>): void {
  const { header, path } = (init['params'] ?? {}) as { header?: object; path?: object };
  checkHeaders(Object.entries(header ?? {}), 'params.header');
  for (const [name, value] of Object.entries(path ?? {})) {
    if (name === 'entitlementId' || name === 'accountId') checkIdentifier(value, `params.path.${name}`);
    else checkPlainString(String(value), `params.path.${name}`);
  }
  const headers = init['headers'];
  if (headers) {
    checkHeaders(
      headers instanceof Headers || Array.isArray(headers) ? headers : Object.entries(headers as object),
      'headers',
    );
  }
}
