import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * The purchase conflicts with an existing one: the account already holds a live entitlement for the product
 * (`prohibitDuplicateProductPurchase`, `resultCode` `DUPLICATE_PRODUCT_PURCHASE`), or the entitlement id belongs to a
 * different purchase (another account or product).
 *
 * @example
 * ```ts
 * import { ConflictError } from '@crm-gateway/client';
 * if (error instanceof ConflictError) return res.status(409).json({ message: 'You already own this product' });
 * ```
 */
export class ConflictError extends CrmGatewayError {
  declare readonly code: 'CONFLICT';

  constructor(init: CrmGatewayErrorInit) {
    super('CONFLICT', init);
  }
}
