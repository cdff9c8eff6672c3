import {
  createPortalAdapter,
  PayloadTooLargeError,
  RawBodyUnavailableError,
  type AdapterReceiverOptions,
  type AdapterRouteOptions,
  type PortalAdapter,
  normalizeCorrelationId,
  portalError,
  type PortalResponse,
  type PortalRouteFactoryName,
} from '@crm-gateway/portal';
import { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { CRM_GATEWAY, type CrmGatewayRequest } from './middleware.js';

/**
 * Options of the Express portal routes (see `AdapterRouteOptions` of `@crm-gateway/portal`):
 * `resolveAccountId(req)` is required.
 *
 * @example
 * const options: ExpressPortalRouteOptions = { resolveAccountId: (req) => req.session.accountId };
 */
export type ExpressPortalRouteOptions = AdapterRouteOptions<Request>;

/**
 * Options of the Express notification receiver (see `AdapterReceiverOptions` of `@crm-gateway/portal`).
 *
 * @example
 * const options: ExpressNotificationReceiverOptions = { secret, onNotification: (n) => save(n) };
 */
export type ExpressNotificationReceiverOptions = AdapterReceiverOptions;

/**
 * The body of a request as received: one kept by `express.raw()` / `express.text()` or a `rawBody` Buffer set by a
 * `verify` hook, else the stream itself, counted as it arrives (413 beyond `maxBytes`). Throws
 * `RawBodyUnavailableError` when another parser already consumed the stream.
 */
async function readText(req: Request, maxBytes: number): Promise<string> {
  const kept: unknown = req.body;
  if (Buffer.isBuffer(kept)) return kept.toString('utf8');
  if (typeof kept === 'string') return kept;
  const rawBody: unknown = (req as { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(rawBody)) return rawBody.toString('utf8');
  if (kept !== undefined || req.readableEnded) {
    if (kept === undefined && Number(req.headers['content-length'] ?? 0) === 0) return '';
    throw new RawBodyUnavailableError();
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  return readStream(req, maxBytes);
}

function readStream(req: Request, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > maxBytes) {
        cleanup();
        req.resume(); // drain the rest without keeping it, so the connection stays usable
        reject(new PayloadTooLargeError(maxBytes));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** The portal core, told how Express requests look. */
const adapter: PortalAdapter<Request, RequestHandler> = createPortalAdapter<Request, void, RequestHandler>({
  boundGateway: (req) => (req as Partial<CrmGatewayRequest>)[CRM_GATEWAY],
  param: (req, name) => (typeof req.params[name] === 'string' ? req.params[name] : undefined),
  header: (req, name) => req.get(name),
  readText,
  parsedBody(req) {
    const parsed: unknown = req.body;
    // Already parsed by the app's express.json(): use it as is.
    return parsed !== undefined && !Buffer.isBuffer(parsed) && typeof parsed !== 'string'
      ? parsed
      : undefined;
  },
  send,
});

/** Writes a portal answer as JSON. */
function send(req: Request, answer: PortalResponse): void {
  const res = req.res!;
  if (answer.headers !== undefined) {
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  }
  res.status(answer.status).json(answer.body);
}

/**
 * The router's own failure: a path parameter that is not valid percent-encoding (Express refuses it before any
 * route runs) is answered as JSON 400 naming the path, never as Express's default page with a stack.
 */
const answerPathErrors: ErrorRequestHandler = (error, req, _res, next) => {
  if (!(error instanceof URIError)) return next(error);
  const correlationId =
    (req as Partial<CrmGatewayRequest>)[CRM_GATEWAY]?.context.correlationId ??
    normalizeCorrelationId(req.get('x-correlation-id'));
  send(req, portalError(400, 'INVALID_REQUEST', 'The request path is not valid.', correlationId, 'path'));
};

/** The plugin's route factories and receiver, as Express handlers (the core's documentation is kept per factory). */
type ExpressPortalFactories = {
  [K in keyof Pick<PortalAdapter<Request, RequestHandler>, PortalRouteFactoryName>]: (
    options: ExpressPortalRouteOptions,
  ) => RequestHandler;
} & {
  [K in keyof Pick<PortalAdapter<Request, RequestHandler>, 'notificationReceiver'>]: (
    options: ExpressNotificationReceiverOptions,
  ) => RequestHandler;
};

export const {
  purchaseRoute,
  listEntitlementsRoute,
  activationLinkRoute,
  cancelRoute,
  suspendRoute,
  resumeRoute,
  notificationReceiver,
}: ExpressPortalFactories = adapter;

/**
 * An Express `Router` with every portal route (mount it where you like, after `crmGateway()`):
 * `POST /purchases`, `GET /entitlements`, `GET /entitlements/:entitlementId/activation`,
 * `POST /entitlements/:entitlementId/cancel`, `POST /entitlements/:entitlementId/suspend`,
 * `POST /entitlements/:entitlementId/resume`.
 *
 * @example
 * app.use('/api', crmGatewayRouter({ resolveAccountId: (req) => req.session.accountId }));
 */
export function crmGatewayRouter(options: ExpressPortalRouteOptions): Router {
  const router = Router();
  for (const { method, path, handler } of adapter.routes(options, 'crmGatewayRouter')) {
    if (method === 'GET') router.get(path, handler);
    else router.post(path, handler);
  }
  router.use(answerPathErrors);
  return router;
}
