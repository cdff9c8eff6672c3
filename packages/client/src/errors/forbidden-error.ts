import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * The gateway refused the access token (403 `99999:403` or 401) even after one retry with a fresh token, or the
 * user lacks `operatorRole`.
 *
 * @example
 * ```ts
 * import { ForbiddenError } from '@crm-gateway/client';
 * if (error instanceof ForbiddenError) alert('Check the Keycloak user: it needs operatorRole');
 * ```
 */
export class ForbiddenError extends CrmGatewayError {
  declare readonly code: 'FORBIDDEN';

  constructor(init: CrmGatewayErrorInit) {
    super('FORBIDDEN', init);
  }
}
