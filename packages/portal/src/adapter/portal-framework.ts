import type { CrmGatewayClient } from '@crm-gateway/client';
import type { PortalResponse } from '../portal-response.js';

/**
 * What a framework plugin tells the portal core about its requests: the only framework-specific code of a
 * plugin besides its middleware. `TContext` is what the framework hands a handler and what the portal's
 * resolvers receive (Express `req`, Hono `c`); `TResult` is what a handler returns.
 *
 * @example
 * const hono: PortalFramework<Context, Response> = {
 *   boundGateway: (c) => c.get('crmGateway'),
 *   param: (c, name) => c.req.param(name),
 *   header: (c, name) => c.req.header(name),
 *   readText: (c, maxBytes) => readLimitedText(c.req.raw.body, c.req.header('content-length'), maxBytes),
 *   send: (c, answer) => c.json(answer.body, answer.status, answer.headers),
 * };
 */
export interface PortalFramework<TContext, TResult> {
  /** The client `crmGateway()` bound to this request, or `undefined` when the middleware did not run. */
  boundGateway(context: TContext): CrmGatewayClient | undefined;
  /** A path parameter of the matched route (`entitlementId`). */
  param(context: TContext, name: string): string | undefined;
  /** A request header, or `undefined`. */
  header(context: TContext, name: string): string | undefined;
  /**
   * The request body exactly as received, as UTF-8 text, reading at most `maxBytes` (throw
   * `PayloadTooLargeError` beyond, without buffering the rest).
   */
  readText(context: TContext, maxBytes: number): Promise<string>;
  /** A body the app's own parser already turned into a value (Express `express.json()`), if any. */
  parsedBody?(context: TContext): unknown;
  /** Writes an answer (JSON body, status, headers). */
  send(context: TContext, answer: PortalResponse): TResult;
}
