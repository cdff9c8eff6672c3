import createClient, { type Client } from 'openapi-fetch';
import { requestCall, type CallContext, type ContextDefaults } from '../client/call-context.js';
import { isCrmGatewayError } from '../errors/is-crm-gateway-error.js';
import type { Redactor } from '../internal/redactor.js';
import type { OutgoingRequest, Transport } from '../transport/transport.js';
import {
  checkHeaderToken,
  checkHeaderValue,
  checkIdentifier,
  checkPlainString,
} from '../validation/validate.js';
import type { CrmGatewayApi, GatewayPaths } from './gateway-api.js';
import { sendDirect, type DirectInit } from './direct-call.js';

type Init = Record<string | symbol, unknown>;

/**
 * @internal The key under which an entitlement method puts its resolved {@link CallContext} in the init of its
 * `client.api` call (never part of the public API): the view then sends the call with that context instead of
 * reading one from the request.
 */
export const CALL_CONTEXT: unique symbol = Symbol('crm-gateway call context');

/**
 * The openapi-fetch client shared by a client, all its `withContext` views and their entitlement methods
 * (middleware registered once sees every call), and the middleware registered on it through `client.api.use`.
 */
export interface SharedApi {
  raw: Client<GatewayPaths>;
  /** The gateway's base URL, without a trailing slash (as openapi-fetch uses it). */
  baseUrl: string;
  middleware: unknown[];
  /** The client's redactor: every `error` body and thrown error of a call goes through it. */
  redactor: Redactor;
}

/** Creates the shared openapi-fetch client (see {@link SharedApi}). */
export const createSharedApi = (baseUrl: string, redactor: Redactor): SharedApi => ({
  raw: createClient<GatewayPaths>({ baseUrl }),
  baseUrl: baseUrl.replace(/\/$/, ''),
  middleware: [],
  redactor,
});

/**
 * A view of the shared client (`client.api`, and the one road of the entitlement methods into the transport): it
 * validates the header and path values of each call (no request for bad input), redacts each answer's `error` body
 * and any error thrown from below (the client's secrets, at any depth) and sends the call through the transport
 * with this view's defaults (tenant, correlation id, timeouts), a header given at the call site winning. A call
 * whose init carries a resolved {@link CallContext} under {@link CALL_CONTEXT} (an entitlement method's) is sent
 * with that context; middleware then sees its tenant and correlation id as headers, and when there is no
 * middleware the call goes to the transport without openapi-fetch building a `Request` only the transport would
 * read (see `sendDirect`).
 */
export function createContextApi(
  shared: SharedApi,
  transport: Transport,
  defaults: ContextDefaults,
): CrmGatewayApi {
  const { raw, middleware, redactor } = shared;
  const untyped = raw as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const adapter = (request: Request) => transport(request, requestCall(defaults, request));
  // An entitlement method's call that middleware sees: its tenant and correlation id as headers.
  const withContext = (init: Init, call: CallContext): Init => ({
    ...init,
    headers: { 'x-correlation-id': call.correlationId, 'nv-tenant-id': call.tenantId },
    signal: call.signal,
    fetch: (request: OutgoingRequest) => transport(request, call),
  });
  // Each `client.api` method: input checked, sent through openapi-fetch (or, for an entitlement method's call no
  // middleware sees, straight to the transport), its errors redacted.
  const send = (method: string, args: unknown[], init: Init | undefined, call: CallContext | undefined) => {
    if (call && !middleware.length) {
      const [verb, path] = method === 'request' ? args : [method, args[0]];
      return sendDirect(transport, shared.baseUrl, verb as string, path as string, init as DirectInit, call);
    }
    if (init) checkInit(init);
    return untyped[method]!(
      ...(init ? args.slice(0, -1) : args),
      call ? withContext(init!, call) : { ...init, fetch: adapter },
    ) as Promise<{ error?: unknown }>;
  };
  const view: Record<string, unknown> = {
    // Counted before registering (one openapi-fetch refuses only sends the entitlement calls through openapi-fetch).
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
      const last = args[args.length - 1];
      const init = typeof last === 'object' && last !== null ? (last as Init) : undefined;
      let result: { error?: unknown };
      try {
        result = await send(method, args, init, init?.[CALL_CONTEXT] as CallContext | undefined);
      } catch (error) {
        // The client's own errors are redacted already; anything else (a body that is not JSON, middleware) now.
        throw isCrmGatewayError(error) ? error : redactor.redactError(error);
      }
      // An error answer's body, as openapi-fetch parsed it, may echo a secret.
      if (result.error !== undefined) result.error = redactor.redactValue(result.error);
      return result;
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

function checkInit(init: Init): void {
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
