import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import {
  checkHeaderToken,
  checkHeaderValue,
  checkIdentifier,
  checkPlainString,
} from '../validation/validate.js';
import type { CrmGatewayApi } from './gateway-api.js';

type RawApi = Client<paths>;
type Adapter = (request: Request) => Promise<Response>;
type Init = Record<string, unknown> | undefined;

/** The openapi-fetch client shared by a client and all its `withContext` views (middleware registered once). */
export function createRawApi(baseUrl: string, adapter: Adapter): RawApi {
  return createClient<paths>({ baseUrl, fetch: adapter });
}

/**
 * A view of the raw client that validates the header and path values of each call (no request for bad input)
 * and sends it through `adapter` (this view's defaults: tenant, correlation id, timeouts).
 */
export function createContextApi(raw: RawApi, adapter: Adapter): CrmGatewayApi {
  const untyped = raw as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const view: Record<string, unknown> = { use: raw.use, eject: raw.eject };
  for (const method of ['request', 'GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']) {
    view[method] = async (...args: unknown[]) => {
      const init = args[args.length - 1] as Init;
      const given = typeof init === 'object' && init !== null;
      if (given) checkInit(init);
      return untyped[method]!(...(given ? args.slice(0, -1) : args), { ...init, fetch: adapter });
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
