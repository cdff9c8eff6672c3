import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * What an {@link EntitlementIdInUseError} is built from.
 *
 * @example
 * ```ts
 * const init: EntitlementIdInUseErrorInit = { message: 'taken', status: 409, entitlementId: 'a3c4…' };
 * ```
 */
export interface EntitlementIdInUseErrorInit extends CrmGatewayErrorInit {
  /** The entitlement id the purchase was sent with. */
  entitlementId: string;
}

/**
 * The entitlement id of a purchase (the caller's, or the one a portal derived from an `Idempotency-Key`) already
 * belongs to a different purchase: another account or another product. Nothing was bought. A portal reusing an
 * idempotency key for another product meets this.
 *
 * @example
 * ```ts
 * import { EntitlementIdInUseError } from '@crm-gateway/client';
 * if (error instanceof EntitlementIdInUseError) console.error('id already used for another purchase', error.entitlementId);
 * ```
 */
export class EntitlementIdInUseError extends CrmGatewayError {
  declare readonly code: 'ENTITLEMENT_ID_IN_USE';
  /** The entitlement id that is taken. */
  declare readonly entitlementId: string;

  constructor(init: EntitlementIdInUseErrorInit) {
    super('ENTITLEMENT_ID_IN_USE', init);
    this.entitlementId = init.entitlementId;
  }
}
