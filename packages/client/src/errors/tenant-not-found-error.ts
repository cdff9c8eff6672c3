import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * The tenant named by `nv-tenant-id` does not exist (404, `resultCode` `TENANT_NOT_FOUND`).
 *
 * @example
 * ```ts
 * import { TenantNotFoundError } from '@crm-gateway/client';
 * if (error instanceof TenantNotFoundError) console.error('wrong tenantId', error.correlationId);
 * ```
 */
export class TenantNotFoundError extends CrmGatewayError {
  declare readonly code: 'TENANT_NOT_FOUND';

  constructor(init: CrmGatewayErrorInit) {
    super('TENANT_NOT_FOUND', init);
  }
}
