import type { CANCEL_REASON_CATEGORIES, CANCEL_REASON_CODES } from '../generated/constants.js';
import type { components } from '../generated/schema.js';

/**
 * An entitlement's status (`PENDING`, `ACTIVE`, `ACTIVE-ENDING`, `SUSPENDED`, `CANCELLED`, `REVOKED`, and the RMG
 * states `SUBSCRIBED` / `UNSUBSCRIBED`).
 *
 * @example
 * ```ts
 * const live: EntitlementStatus[] = ['PENDING', 'ACTIVE', 'ACTIVE-ENDING', 'SUSPENDED'];
 * ```
 */
export type EntitlementStatus = components['schemas']['EntitlementStatus'];

/**
 * An entitlement as the gateway lists it (a whole record: the spec's `EntitlementProjection` with the fields a
 * record without `fields` always has), with its id as `entitlementId` (the name every other result and the portal
 * routes use). The wire's record, with `_id`, is what `client.api` answers.
 *
 * @example
 * ```ts
 * const e: Entitlement = await client.entitlements.get('abc1234');
 * console.log(e.entitlementId, e.accountId, e.productId, e.status);
 * ```
 */
export type Entitlement = {
  /** The entitlement's id (the wire's `_id`). */
  entitlementId: string;
} & Omit<components['schemas']['EntitlementProjection'], '_id'> &
  Required<
    Pick<components['schemas']['EntitlementProjection'], 'productId' | 'accountId' | 'productType' | 'status'>
  >;

/**
 * A cancel/revoke reason category: a documented one (`CANCEL_REASON_CATEGORIES`, completion offered) or another upper-case code agreed with
 * Bango.
 *
 * @example
 * ```ts
 * const category: CancelReasonCategory = 'CUSTOMER_CANCELLED';
 * ```
 */
export type CancelReasonCategory = (typeof CANCEL_REASON_CATEGORIES)[number] | (string & {});

/**
 * A cancel/revoke reason code: a documented one (`CANCEL_REASON_CODES`, completion offered) or another upper-case code (`OTHER` when none
 * fits).
 *
 * @example
 * ```ts
 * const code: CancelReasonCode = 'NOT_RENEWED';
 * ```
 */
export type CancelReasonCode = (typeof CANCEL_REASON_CODES)[number] | (string & {});

/**
 * What to buy.
 *
 * @example
 * ```ts
 * const input: PurchaseInput = { accountId: 'account-alice', productId: 'Netflix_EU_B_BUNDLE_BASIC' };
 * ```
 */
export interface PurchaseInput {
  /** The paying OPF account; take it from your own authenticated session, never from the end user's request. */
  accountId: string;
  productId: string;
  /** The entitlement `_id` to create; default a new UUID. Reused on every retry so a purchase is made only once. */
  entitlementId?: string;
  /**
   * Sent as the `prohibitDuplicateProductPurchase` query parameter, always (default `false`, OPF's documented
   * default). Its meaning is unconfirmed: this SDK reads `true` as "refuse a second live entitlement of the same
   * product for the account" (`ConflictError`), as the name says, but the self-care-portal page says `true`
   * allows duplicates. Confirm with your OPF deployment (decision 1 of openapi/README.md).
   */
  prohibitDuplicateProductPurchase?: boolean;
}

/**
 * Where the user activates a third-party entitlement.
 *
 * @example
 * ```ts
 * if (result.activation) res.redirect(result.activation.url);
 * ```
 */
export interface ActivationLink {
  url: string;
  urlExpiry?: string;
  /** What to do with the URL (`NAVIGATE_TO_URL`), when the gateway says. */
  action?: string;
}

/**
 * The outcome of a purchase.
 *
 * @example
 * ```ts
 * const { entitlementId, status, correlationId } = await client.entitlements.purchaseThirdPartyProduct(input);
 * ```
 */
export interface PurchaseResult {
  entitlementId: string;
  /** `PENDING` on the seed edition (201); other editions may answer `ACTIVE` (200). */
  status: EntitlementStatus;
  correlationId: string;
  /** Present when the gateway answered the activation URL with the purchase (202 editions). */
  activation?: ActivationLink;
}

/**
 * A fresh activation URL for a `PENDING` entitlement.
 *
 * @example
 * ```ts
 * const { url } = await client.entitlements.getActivationInfo(entitlementId);
 * ```
 */
export interface ActivationInfoResult {
  entitlementId: string;
  url: string;
  urlExpiry?: string;
  action: string;
  correlationId: string;
}

/**
 * Equality filters on third-party entitlements.
 *
 * @example
 * ```ts
 * const filter: EntitlementFilter = { accountId: 'account-alice', status: 'ACTIVE' };
 * ```
 */
export interface EntitlementFilter {
  accountId?: string;
  status?: EntitlementStatus;
  productId?: string;
  entitlementId?: string;
}

/**
 * A page of a list.
 *
 * @example
 * ```ts
 * const query: ListQuery = { accountId: 'account-alice', limit: 20, page: 1, sort: { created: -1 } };
 * ```
 */
export interface ListQuery extends EntitlementFilter {
  /** Records per page (0–1000); 0 returns only `totalRecords`. */
  limit?: number;
  /** 1-based page (with `limit`). */
  page?: number;
  /** Field → 1 (ascending) or -1 (descending). */
  sort?: Record<string, 1 | -1>;
  /** Fields to return, by their wire names (the id always comes back, as `entitlementId`). */
  fields?: string[];
}

/**
 * A list answer.
 *
 * @example
 * ```ts
 * const { totalRecords, entitlements } = await client.entitlements.list({ accountId: 'account-alice' });
 * ```
 */
export interface ListResult {
  totalRecords: number;
  entitlements: Entitlement[];
  correlationId: string;
}

/**
 * What `iterate` walks through.
 *
 * @example
 * ```ts
 * const query: IterateQuery = { accountId: 'account-alice', pageSize: 50 };
 * ```
 */
export interface IterateQuery extends EntitlementFilter {
  /** Records fetched per request (1–1000). Default 100. */
  pageSize?: number;
  sort?: Record<string, 1 | -1>;
  fields?: string[];
}

/**
 * A status change through the CRM Gateway `PUT`.
 *
 * @example
 * ```ts
 * const update: StatusUpdate = { status: 'SUSPENDED', reasonCode: 'PAYMENT_LATE', reasonCategory: 'BILLING' };
 * ```
 */
export interface StatusUpdate {
  status: EntitlementStatus;
  reasonCode?: string;
  reasonCategory?: string;
  cancelReasonCategory?: CancelReasonCategory;
  cancelReasonCode?: CancelReasonCode;
  cancelReasonDescription?: string;
}

/**
 * The outcome of a status change or an action.
 *
 * @example
 * ```ts
 * const { accepted, status } = await client.entitlements.suspend(entitlementId);
 * ```
 */
export interface ActionResult {
  entitlementId: string;
  /** The new status, when the gateway says (or the status asked for, on a 200 of the `PUT`). */
  status?: EntitlementStatus;
  /**
   * `true` when the gateway answered 202: it accepted the change and waits for the third party's confirmation (a
   * notification follows). `false` when the change is done (200).
   */
  accepted: boolean;
  correlationId: string;
  /** Activation parameters, when a 202 carries them. */
  activation?: ActivationLink;
}

/**
 * Why an entitlement is cancelled or revoked.
 *
 * @example
 * ```ts
 * const reason: CancelReason = { category: 'CUSTOMER_CANCELLED', code: 'NOT_RENEWED', description: 'Did not renew' };
 * ```
 */
export interface CancelReason {
  category: CancelReasonCategory;
  code: CancelReasonCode;
  description?: string;
}

/**
 * A recovery URL into the third party's account recovery.
 *
 * @example
 * ```ts
 * const { recoveryUrl } = await client.entitlements.recover(entitlementId);
 * ```
 */
export interface RecoverResult {
  recoveryUrl: string;
  correlationId: string;
}

/**
 * How many entitlements a delete removed.
 *
 * @example
 * ```ts
 * const { deletedCount } = await client.entitlements.deleteAllForAccount('account-alice');
 * ```
 */
export interface DeleteResult {
  deletedCount: number;
  correlationId: string;
}
