import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * The request could not reach the gateway or the connection broke before an answer, on every attempt (`status` 0).
 *
 * @example
 * ```ts
 * import { ConnectionError } from '@crm-gateway/client';
 * if (error instanceof ConnectionError) console.warn('gateway unreachable', error.cause);
 * ```
 */
export class ConnectionError extends CrmGatewayError {
  declare readonly code: 'CONNECTION_ERROR';

  constructor(init: CrmGatewayErrorInit) {
    super('CONNECTION_ERROR', init);
  }
}
