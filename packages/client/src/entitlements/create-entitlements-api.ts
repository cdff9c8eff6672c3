import type { Gateway } from '../client/gateway-call.js';
import { endEntitlement, recover, remove, tpesAction, updateStatus } from './actions.js';
import { purchaseThirdPartyProduct } from './purchase.js';
import { getActivationInfo, getEntitlement, iterateEntitlements, listEntitlements } from './queries.js';
import type { EntitlementsApi } from './types.js';

/** Binds the entitlement use cases to one gateway view (defaults of a client or a `withContext`). */
export function createEntitlementsApi(gateway: Gateway): EntitlementsApi {
  return {
    purchaseThirdPartyProduct: (input, options) => purchaseThirdPartyProduct(gateway, input, options),
    getActivationInfo: (id, options) => getActivationInfo(gateway, id, options),
    get: (id, options) => getEntitlement(gateway, id, options),
    list: (query, options) => listEntitlements(gateway, query, options),
    iterate: (query, options) => iterateEntitlements(gateway, query, options),
    updateStatus: (id, update, options) => updateStatus(gateway, id, update, options),
    suspend: (id, options) => tpesAction(gateway, 'suspend', id, undefined, options),
    resume: (id, input, options) => tpesAction(gateway, 'resume', id, input, options),
    changeProduct: (id, input, options) => tpesAction(gateway, 'changeProduct', id, input, options),
    cancel: (id, reason, options) => endEntitlement(gateway, 'cancel', id, reason, options),
    revoke: (id, reason, options) => endEntitlement(gateway, 'revoke', id, reason, options),
    recover: (id, options) => recover(gateway, id, options),
    delete: (id, options) => remove(gateway, false, id, options),
    deleteAllForAccount: (accountId, options) => remove(gateway, true, accountId, options),
  };
}
