import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * The entitlement does not exist (404, `resultCode` `ENTITLEMENT_NOT_FOUND`), or `entitlements.get()` found no
 * entitlement with that id (then `status` is 404 and `body` is undefined).
 *
 * @example
 * ```ts
 * import { EntitlementNotFoundError } from '@crm-gateway/client';
 * const found = await client.entitlements.get(id).catch((e) => (e instanceof EntitlementNotFoundError ? null : Promise.reject(e)));
 * ```
 */
export class EntitlementNotFoundError extends CrmGatewayError {
  declare readonly code: 'ENTITLEMENT_NOT_FOUND';

  constructor(init: CrmGatewayErrorInit) {
    super('ENTITLEMENT_NOT_FOUND', init);
  }
}
