import type { CrmGatewayClient } from '@crm-gateway/client';
import {
  createRequestGatewayBinder,
  MissingCrmGatewayMiddlewareError,
  normalizeCorrelationId,
  type CrmGatewayOptions,
} from '@crm-gateway/portal';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The key under which `crmGateway()` keeps the per-request client on `req` (a symbol: it cannot clash with
 * other properties, and no global type augmentation is needed). Prefer {@link getCrmGateway}.
 *
 * @example
 * const gateway = (req as CrmGatewayRequest)[CRM_GATEWAY];
 */
export const CRM_GATEWAY: unique symbol = Symbol.for('@crm-gateway/express-plugin:gateway');

/**
 * An Express request the `crmGateway()` middleware ran for: carries the per-request client under
 * {@link CRM_GATEWAY}. Use it in your own handlers' types instead of augmenting Express globally.
 *
 * @example
 * app.get('/me/entitlements', async (req: CrmGatewayRequest, res) => {
 *   res.json(await req[CRM_GATEWAY].entitlements.list({ accountId: 'account-alice' }));
 * });
 */
export type CrmGatewayRequest<TRequest extends Request = Request> = TRequest & {
  [CRM_GATEWAY]: CrmGatewayClient;
};

/**
 * Options of the Express `crmGateway()` middleware: a ready client or the options to build one, and the
 * tenant (fixed, or a function of `req`).
 *
 * @example
 * const options: ExpressCrmGatewayOptions = { client, tenantId: (req) => String(req.headers['x-tenant']) };
 */
export type ExpressCrmGatewayOptions = CrmGatewayOptions<Request>;

const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Express middleware binding a client to each request: the incoming `x-correlation-id` when sane (else a new
 * one), echoed on the response, and the tenant from the options. The underlying client (and its token cache)
 * is built once, here. Read it in handlers with {@link getCrmGateway}.
 *
 * @example
 * import express from 'express';
 * import { crmGateway, getCrmGateway } from '@crm-gateway/express-plugin';
 * const app = express();
 * app.use(crmGateway({ baseUrl, tenantId: 'tenant1', auth: { tokenUrl, clientId, username, password } }));
 * app.get('/entitlements/:id', async (req, res) => res.json(await getCrmGateway(req).entitlements.get(req.params.id)));
 */
export function crmGateway(options: ExpressCrmGatewayOptions): RequestHandler {
  const binder = createRequestGatewayBinder<Request>(options);
  return function crmGatewayMiddleware(req: Request, res: Response, next: NextFunction): void {
    const correlationId = normalizeCorrelationId(req.get(CORRELATION_HEADER));
    res.setHeader(CORRELATION_HEADER, correlationId);
    (req as CrmGatewayRequest)[CRM_GATEWAY] = binder.bind({ correlationId }, req).gateway;
    next();
  };
}

/**
 * The client bound to this request by {@link crmGateway}. Throws {@link MissingCrmGatewayMiddlewareError}
 * (code `CRM_GATEWAY_MIDDLEWARE_MISSING`) when the middleware did not run.
 *
 * @example
 * app.post('/buy', async (req, res) => {
 *   const result = await getCrmGateway(req).entitlements.purchaseThirdPartyProduct({ accountId, productId });
 *   res.status(201).json(result);
 * });
 */
export function getCrmGateway(req: Request): CrmGatewayClient {
  const gateway = (req as Partial<CrmGatewayRequest>)[CRM_GATEWAY];
  if (gateway === undefined) throw new MissingCrmGatewayMiddlewareError();
  return gateway;
}
