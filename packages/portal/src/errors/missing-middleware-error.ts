import { CrmGatewayPluginError } from './plugin-error.js';

/**
 * `getCrmGateway(reqOrContext)` or a portal route ran on a request the `crmGateway()` middleware did not run
 * for. Register `app.use(crmGateway(options))` before the routes that need it. Code
 * `CRM_GATEWAY_MIDDLEWARE_MISSING`, status 500.
 *
 * @example
 * if (error instanceof MissingCrmGatewayMiddlewareError) console.error(error.message);
 */
export class MissingCrmGatewayMiddlewareError extends CrmGatewayPluginError {
  constructor() {
    super(
      'CRM_GATEWAY_MIDDLEWARE_MISSING',
      500,
      'crmGateway() middleware is missing: add app.use(crmGateway(options)) before this route.',
    );
  }
}
