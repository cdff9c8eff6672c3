import type { CrmGatewayClient } from '@crm-gateway/client';
import {
  createRequestGatewayBinder,
  MissingCrmGatewayMiddlewareError,
  normalizeCorrelationId,
  type CrmGatewayOptions,
} from '@crm-gateway/portal';
import type { Context, Env, MiddlewareHandler } from 'hono';

/**
 * The context variables `crmGateway()` sets: `c.var.crmGateway` (the per-request client) and
 * `c.var.crmGatewayCorrelationId`.
 *
 * @example
 * const app = new Hono<{ Variables: CrmGatewayVariables }>();
 * app.get('/x', (c) => c.json({ id: c.var.crmGatewayCorrelationId }));
 */
export interface CrmGatewayVariables {
  crmGateway: CrmGatewayClient;
  crmGatewayCorrelationId: string;
}

declare module 'hono' {
  /** `c.get('crmGateway')` and `c.var.crmGateway` are typed in every app once the plugin is imported. */
  interface ContextVariableMap extends CrmGatewayVariables {}
}

/**
 * The Hono environment of an app using `crmGateway()`.
 *
 * @example
 * const app = new Hono<CrmGatewayEnv>();
 */
export interface CrmGatewayEnv {
  Variables: CrmGatewayVariables;
}

/**
 * Options of the Hono `crmGateway()` middleware: a ready client or the options to build one, and the tenant
 * (fixed, or a function of the context `c` of the app's own `Env`).
 *
 * @example
 * const options: HonoCrmGatewayOptions = { client, tenantId: (c) => c.req.header('x-tenant') ?? 'tenant1' };
 */
export type HonoCrmGatewayOptions<E extends Env = CrmGatewayEnv> = CrmGatewayOptions<Context<E>>;

const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Hono middleware binding a client to each request: the incoming `x-correlation-id` when sane (else a new
 * one), echoed on the response, and the tenant from the options. The underlying client (and its token cache)
 * is built once, here; nothing else is shared across requests. Read it with `c.var.crmGateway` or
 * {@link getCrmGateway}.
 *
 * @example
 * import { Hono } from 'hono';
 * import { crmGateway, type CrmGatewayEnv } from '@crm-gateway/hono-plugin';
 * const app = new Hono<CrmGatewayEnv>();
 * app.use(crmGateway({ baseUrl, tenantId: 'tenant1', auth: { tokenUrl, clientId, username, password } }));
 * app.get('/entitlements/:id', async (c) => c.json(await c.var.crmGateway.entitlements.get(c.req.param('id'))));
 */
export function crmGateway<E extends Env = CrmGatewayEnv>(
  options: HonoCrmGatewayOptions<E>,
): MiddlewareHandler<E> {
  const binder = createRequestGatewayBinder<Context<E>>(options);
  return async function crmGatewayMiddleware(c, next) {
    const correlationId = normalizeCorrelationId(c.req.header(CORRELATION_HEADER));
    c.set('crmGateway', binder.bind({ correlationId }, c).gateway);
    c.set('crmGatewayCorrelationId', correlationId);
    c.header(CORRELATION_HEADER, correlationId);
    await next();
    if (!c.res.headers.has(CORRELATION_HEADER)) {
      try {
        c.res.headers.set(CORRELATION_HEADER, correlationId);
      } catch {
        // An immutable response (e.g. passed through from fetch): rebuild it with the header.
        c.res = new Response(c.res.body, c.res);
        c.res.headers.set(CORRELATION_HEADER, correlationId);
      }
    }
  };
}

/**
 * The client bound to this request by {@link crmGateway} (same as `c.var.crmGateway`). Throws
 * {@link MissingCrmGatewayMiddlewareError} (code `CRM_GATEWAY_MIDDLEWARE_MISSING`, status 500; Hono answers it through its `getResponse()`)
 * when the middleware did not run.
 *
 * @example
 * app.post('/buy', async (c) => {
 *   const result = await getCrmGateway(c).entitlements.purchaseThirdPartyProduct({ accountId, productId });
 *   return c.json(result, 201);
 * });
 */
export function getCrmGateway(c: Context): CrmGatewayClient {
  const gateway = boundGateway(c);
  if (gateway === undefined) throw new MissingCrmGatewayMiddlewareError();
  return gateway;
}

/** @internal The client the middleware bound to `c`, or `undefined` without it. */
export function boundGateway(c: Context): CrmGatewayClient | undefined {
  return c.get('crmGateway') as CrmGatewayClient | undefined;
}
