import { CrmGatewayError } from './crm-gateway-error.js';

/**
 * The input was refused before anything was sent: an empty or malformed id, a wrong type, a header value with
 * control characters (CR/LF), an impossible option. `field` names the offending input (for example `accountId`,
 * `correlationId`, `query.limit`, `auth.clientId`). `status` is 0: no request was made.
 *
 * @example
 * ```ts
 * import { ValidationError } from '@crm-gateway/client';
 * try {
 *   await client.entitlements.purchaseThirdPartyProduct({ accountId: '', productId: 'Netflix_EU_B_BUNDLE_BASIC' });
 * } catch (error) {
 *   if (error instanceof ValidationError) console.log(error.field); // 'accountId'
 * }
 * ```
 */
export class ValidationError extends CrmGatewayError {
  declare readonly code: 'VALIDATION_ERROR';
  /** The offending input. */
  declare readonly field: string;

  constructor(field: string, problem: string, operation?: string) {
    super('VALIDATION_ERROR', { message: `Invalid ${field}: ${problem}`, operation });
    this.field = field;
  }
}
