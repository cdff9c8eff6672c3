import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * What a {@link PurchaseOutcomeUnknownError} is built from.
 *
 * @example
 * ```ts
 * const init: PurchaseOutcomeUnknownErrorInit = { message: 'no answer', entitlementId: 'a3c4…' };
 * ```
 */
export interface PurchaseOutcomeUnknownErrorInit extends CrmGatewayErrorInit {
  /** The entitlement id the purchase was sent with (on every attempt). */
  entitlementId: string;
}

/**
 * A purchase got no usable answer (timeouts, broken connections, 5xx once the retries were spent) and looking the
 * entitlement up by its id could not tell whether it exists. It may exist, or appear later. Buying again with the
 * same `entitlementId` (the portal routes: the same `Idempotency-Key`) is safe: it either creates the entitlement
 * or confirms it, never a second one. `cause` is the last failure.
 *
 * @example
 * ```ts
 * import { PurchaseOutcomeUnknownError } from '@crm-gateway/client';
 * try {
 *   await client.entitlements.purchaseThirdPartyProduct({ accountId, productId });
 * } catch (error) {
 *   if (error instanceof PurchaseOutcomeUnknownError) {
 *     await client.entitlements.purchaseThirdPartyProduct({ accountId, productId, entitlementId: error.entitlementId });
 *   }
 * }
 * ```
 */
export class PurchaseOutcomeUnknownError extends CrmGatewayError {
  declare readonly code: 'PURCHASE_OUTCOME_UNKNOWN';
  /** The id of the entitlement the purchase may have created. */
  declare readonly entitlementId: string;

  constructor(init: PurchaseOutcomeUnknownErrorInit) {
    super('PURCHASE_OUTCOME_UNKNOWN', init);
    this.entitlementId = init.entitlementId;
  }
}
