import type { CallOptions } from '../client/call-context.js';
import type { Gateway } from '../client/gateway-call.js';
import { endEntitlement, recover, remove, tpesAction, updateStatus } from './actions.js';
import { purchaseThirdPartyProduct } from './purchase.js';
import { getActivationInfo, getEntitlement, iterateEntitlements, listEntitlements } from './queries.js';
import type {
  ActionResult,
  ActivationInfoResult,
  CancelReason,
  DeleteResult,
  Entitlement,
  IterateQuery,
  ListQuery,
  ListResult,
  PurchaseInput,
  PurchaseResult,
  RecoverResult,
  StatusUpdate,
} from './types.js';

/**
 * One method per use case of a third-party entitlement's life.
 *
 * @example
 * ```ts
 * const { entitlementId } = await client.entitlements.purchaseThirdPartyProduct({ accountId, productId });
 * const { url } = await client.entitlements.getActivationInfo(entitlementId);
 * ```
 */
export interface EntitlementsApi {
  /** Buys a third-party product (creates a `PENDING` entitlement). Safe to retry: it can never buy twice. */
  purchaseThirdPartyProduct(input: PurchaseInput, options?: CallOptions): Promise<PurchaseResult>;
  /** A fresh activation URL for a `PENDING` entitlement (`BadRequestError` `NOT_PENDING` otherwise). */
  getActivationInfo(entitlementId: string, options?: CallOptions): Promise<ActivationInfoResult>;
  /** One entitlement by id; `EntitlementNotFoundError` if there is none. */
  get(entitlementId: string, options?: CallOptions): Promise<Entitlement>;
  /** One page of third-party entitlements (always filtered on `productType` `THIRDPARTY`). */
  list(query?: ListQuery, options?: CallOptions): Promise<ListResult>;
  /** Every matching third-party entitlement, fetched page by page. */
  iterate(query?: IterateQuery, options?: CallOptions): AsyncIterable<Entitlement>;
  /** Changes the status through the CRM Gateway `PUT`. */
  updateStatus(entitlementId: string, update: StatusUpdate, options?: CallOptions): Promise<ActionResult>;
  /** Suspends an `ACTIVE` entitlement (TPES action). */
  suspend(entitlementId: string, options?: CallOptions): Promise<ActionResult>;
  /** Resumes a `SUSPENDED` entitlement (TPES action). */
  resume(entitlementId: string, input: { productId: string }, options?: CallOptions): Promise<ActionResult>;
  /** Cancels (soft ending: access until the end of the paid period). */
  cancel(entitlementId: string, reason: CancelReason, options?: CallOptions): Promise<ActionResult>;
  /** Revokes (hard ending, immediate). */
  revoke(entitlementId: string, reason: CancelReason, options?: CallOptions): Promise<ActionResult>;
  /** Moves the entitlement to another product of the same merchant. */
  changeProduct(
    entitlementId: string,
    input: { productId: string },
    options?: CallOptions,
  ): Promise<ActionResult>;
  /** A URL where the user recovers the third-party account. */
  recover(entitlementId: string, options?: CallOptions): Promise<RecoverResult>;
  /** Deletes one entitlement. */
  delete(entitlementId: string, options?: CallOptions): Promise<DeleteResult>;
  /** Deletes every entitlement of an account. */
  deleteAllForAccount(accountId: string, options?: CallOptions): Promise<DeleteResult>;
}

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
