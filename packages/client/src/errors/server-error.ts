import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * The gateway answered 5xx (or 408/429) on every attempt, or an answer the client could not read.
 *
 * @example
 * ```ts
 * import { ServerError } from '@crm-gateway/client';
 * if (error instanceof ServerError) showBanner('The operator platform is unavailable, try again later');
 * ```
 */
export class ServerError extends CrmGatewayError {
  declare readonly code: 'SERVER_ERROR';

  constructor(init: CrmGatewayErrorInit) {
    super('SERVER_ERROR', init);
  }
}
