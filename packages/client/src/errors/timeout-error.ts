import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * No answer within `timeoutMs` on the last attempt, or the whole call exceeded `totalTimeoutMs` (`status` 0).
 *
 * @example
 * ```ts
 * import { TimeoutError } from '@crm-gateway/client';
 * if (error instanceof TimeoutError) console.warn('gateway too slow', error.correlationId);
 * ```
 */
export class TimeoutError extends CrmGatewayError {
  declare readonly code: 'TIMEOUT';

  constructor(init: CrmGatewayErrorInit) {
    super('TIMEOUT', init);
  }
}
