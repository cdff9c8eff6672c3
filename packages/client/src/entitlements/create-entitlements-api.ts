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
    purchaseThirdPartyProduct: purchaseThirdPartyProduct.bind(null, gateway),
    getActivationInfo: getActivationInfo.bind(null, gateway),
    get: getEntitlement.bind(null, gateway),
    list: listEntitlements.bind(null, gateway),
    iterate: iterateEntitlements.bind(null, gateway),
    updateStatus: updateStatus.bind(null, gateway),
    suspend: (id, options) => tpesAction(gateway, 'suspend', id, undefined, options),
    resume: tpesAction.bind(null, gateway, 'resume'),
    changeProduct: tpesAction.bind(null, gateway, 'changeProduct'),
    cancel: endEntitlement.bind(null, gateway, 'cancel'),
    revoke: endEntitlement.bind(null, gateway, 'revoke'),
    recover: recover.bind(null, gateway),
    delete: remove.bind(null, gateway, false),
    deleteAllForAccount: remove.bind(null, gateway, true),
  };
}
