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

/** The openapi-fetch client shared by a client and all its `withContext` views (middleware registered once). */
export function createRawApi(baseUrl: string, adapter: Adapter): RawApi {
  return createClient<paths>({ baseUrl, fetch: adapter });
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/**
 * A view of the raw client that validates the header and path values of each call (no request for bad input)
 * and sends it through `adapter` (this view's defaults: tenant, correlation id, timeouts).
 */
export function createContextApi(raw: RawApi, adapter: Adapter): CrmGatewayApi {
  type Init = Record<string, unknown> | undefined;
  const prepare = (init: Init): Record<string, unknown> => {
    checkInit(init);
    return { ...init, fetch: adapter };
  };
  const untyped = raw as unknown as Record<
    string,
    (url: string, init?: Record<string, unknown>) => Promise<unknown>
  >;
  const view: Record<string, unknown> = {
    request: async (method: string, url: string, init?: Init) =>
      (raw.request as unknown as (m: string, u: string, i: unknown) => Promise<unknown>)(
        method,
        url,
        prepare(init),
      ),
    use: raw.use.bind(raw),
    eject: raw.eject.bind(raw),
  };
  for (const method of METHODS) {
    view[method] = async (url: string, init?: Init) => untyped[method]!(url, prepare(init));
  }
  return view as unknown as CrmGatewayApi;
}

function checkInit(init: Record<string, unknown> | undefined): void {
  if (init === undefined) return;
  const params = init['params'];
  if (typeof params === 'object' && params !== null) {
    const { header, path } = params as { header?: unknown; path?: unknown };
    if (typeof header === 'object' && header !== null) {
      for (const [name, value] of Object.entries(header)) {
        if (value === undefined || value === null) continue;
        const field = `params.header.${name}`;
        if (name.toLowerCase() === 'x-correlation-id' || name.toLowerCase() === 'nv-tenant-id') {
          checkHeaderToken(value, field);
        } else {
          checkHeaderValue(String(value), field);
        }
      }
    }
    if (typeof path === 'object' && path !== null) {
      for (const [name, value] of Object.entries(path)) {
        const field = `params.path.${name}`;
        if (name === 'entitlementId' || name === 'accountId') checkIdentifier(value, field);
        else checkPlainString(String(value), field);
      }
    }
  }
  const headers = init['headers'];
  if (headers !== undefined && headers !== null) {
    const entries: [string, unknown][] =
      headers instanceof Headers
        ? [...headers.entries()]
        : Array.isArray(headers)
          ? (headers as [string, unknown][])
          : Object.entries(headers as Record<string, unknown>);
    for (const [name, value] of entries) {
      if (value === undefined || value === null) continue;
      const field = `headers.${name}`;
      if (name.toLowerCase() === 'x-correlation-id' || name.toLowerCase() === 'nv-tenant-id')
        checkHeaderToken(value, field);
      else checkHeaderValue(String(value), field);
    }
  }
}
