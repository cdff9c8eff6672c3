/**
 * `getCrmGateway(req)` was called on a request the `crmGateway()` middleware did not run for. Register
 * `app.use(crmGateway(options))` before the routes that need it. Reaches Express's error handler as a 500.
 *
 * @example
 * app.use((err, req, res, next) => {
 *   if (err instanceof MissingCrmGatewayMiddlewareError) console.error(err.message);
 *   next(err);
 * });
 */
export class MissingCrmGatewayMiddlewareError extends Error {
  readonly code = 'CRM_GATEWAY_MIDDLEWARE_MISSING';
  readonly status = 500;
  constructor() {
    super('crmGateway() middleware is missing: add app.use(crmGateway(options)) before this route.');
    this.name = 'MissingCrmGatewayMiddlewareError';
  }
}

/**
 * The notification receiver could not read the raw request body: a body parser such as `express.json()` has
 * already consumed and replaced it, so the signature cannot be checked. Mount `notificationReceiver()` before
 * `express.json()` (or keep the raw bytes with `express.raw()`).
 *
 * @example
 * app.post('/opf/notifications', notificationReceiver({ secret, onNotification })); // before app.use(express.json())
 */
export class RawBodyUnavailableError extends Error {
  readonly code = 'RAW_BODY_UNAVAILABLE';
  readonly status = 500;
  constructor() {
    super(
      'notificationReceiver(): the raw body was already parsed by another middleware (e.g. express.json()); ' +
        'mount the receiver before it, or use express.raw() on its route.',
    );
    this.name = 'RawBodyUnavailableError';
  }
}

/**
 * The request body is larger than the route accepts (answered 413 by Express's error handler).
 *
 * @example
 * app.use(crmGatewayRouter({ resolveAccountId, maxBodyBytes: 4096 }));
 */
export class PayloadTooLargeError extends Error {
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly status = 413;
  readonly expose = true;
  constructor(limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = 'PayloadTooLargeError';
  }
}
