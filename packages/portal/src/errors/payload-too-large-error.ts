import { CrmGatewayPluginError } from './plugin-error.js';

/**
 * The request body is larger than the route accepts (`maxBodyBytes`, default 64 KiB). Code
 * `PAYLOAD_TOO_LARGE`, status 413.
 *
 * @example
 * app.use('/api', crmGatewayRouter({ resolveAccountId, maxBodyBytes: 4096 }));
 */
export class PayloadTooLargeError extends CrmGatewayPluginError {
  constructor(limit: number) {
    super('PAYLOAD_TOO_LARGE', 413, `The request body is larger than ${limit} bytes.`);
  }
}
