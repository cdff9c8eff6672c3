import { HTTPException } from 'hono/http-exception';

/**
 * `getCrmGateway(c)` was called on a request the `crmGateway()` middleware did not run for. Register
 * `app.use(crmGateway(options))` before the routes that need it. An `HTTPException` (500), so Hono's error
 * handling answers it.
 *
 * @example
 * app.onError((err, c) => {
 *   if (err instanceof MissingCrmGatewayMiddlewareError) console.error(err.message);
 *   return c.text('Internal Server Error', 500);
 * });
 */
export class MissingCrmGatewayMiddlewareError extends HTTPException {
  readonly code = 'CRM_GATEWAY_MIDDLEWARE_MISSING';
  constructor() {
    super(500, {
      message: 'crmGateway() middleware is missing: add app.use(crmGateway(options)) before this route.',
    });
    this.name = 'MissingCrmGatewayMiddlewareError';
  }
}

/**
 * The request body is larger than the route accepts: an `HTTPException` (413).
 *
 * @example
 * app.route('/api', crmGatewayRoutes({ resolveAccountId, maxBodyBytes: 4096 }));
 */
export class PayloadTooLargeError extends HTTPException {
  readonly code = 'PAYLOAD_TOO_LARGE';
  constructor(limit: number) {
    super(413, { message: `The request body is larger than ${limit} bytes.` });
    this.name = 'PayloadTooLargeError';
  }
}
