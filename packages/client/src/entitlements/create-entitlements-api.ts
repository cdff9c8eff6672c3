import type { Gateway } from '../client/gateway-call.js';
import {
  changeProduct,
  deleteAllForAccount,
  deleteEntitlement,
  endEntitlement,
  recover,
  resume,
  suspend,
  updateStatus,
} from './actions.js';
import { purchaseThirdPartyProduct } from './purchase.js';
import { getActivationInfo, getEntitlement, iterateEntitlements, listEntitlements } from './queries.js';
import type { EntitlementsApi } from './types.js';

/** Binds the entitlement use cases to one gateway view (defaults of a client or a `withContext`). */
export function createEntitlementsApi(gateway: Gateway): EntitlementsApi {
  return {
    purchaseThirdPartyProduct: (input, options) => purchaseThirdPartyProduct(gateway, input, options),
    getActivationInfo: (entitlementId, options) => getActivationInfo(gateway, entitlementId, options),
    get: (entitlementId, options) => getEntitlement(gateway, entitlementId, options),
    list: (query, options) => listEntitlements(gateway, query, options),
    iterate: (query, options) => iterateEntitlements(gateway, query, options),
    updateStatus: (entitlementId, update, options) => updateStatus(gateway, entitlementId, update, options),
    suspend: (entitlementId, options) => suspend(gateway, entitlementId, options),
    resume: (entitlementId, input, options) => resume(gateway, entitlementId, input, options),
    cancel: (entitlementId, reason, options) =>
      endEntitlement(gateway, 'cancel', entitlementId, reason, options),
    revoke: (entitlementId, reason, options) =>
      endEntitlement(gateway, 'revoke', entitlementId, reason, options),
    changeProduct: (entitlementId, input, options) => changeProduct(gateway, entitlementId, input, options),
    recover: (entitlementId, options) => recover(gateway, entitlementId, options),
    delete: (entitlementId, options) => deleteEntitlement(gateway, entitlementId, options),
    deleteAllForAccount: (accountId, options) => deleteAllForAccount(gateway, accountId, options),
  };
}
