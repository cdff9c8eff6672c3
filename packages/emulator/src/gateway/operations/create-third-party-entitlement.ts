import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../../context.js';
import { canonicalJson, type EntitlementRecord } from '../../entitlements/entitlement-store.js';
import { isLive } from '../../entitlements/lifecycle.js';
import { GatewayError } from '../gateway-error.js';
import { THIRD_PARTY_PRODUCT_TYPE } from '../spec-constants.js';
import { checkAccount, checkThirdPartyProduct } from './entitlement-checks.js';
import type { GatewayAnswer, GatewayOperation, GatewayRequest } from './operation.js';

interface PurchaseBody {
  productType: string;
  productId: string;
  accountId: string;
  status?: 'PENDING';
  reasonCode?: string;
  reasonCategory?: string;
  _id?: string;
  validFrom?: string;
  expiryDate?: string;
}

/** A 24-hex id like OPF's (MongoDB ObjectId style). */
function newEntitlementId(): string {
  return randomBytes(12).toString('hex');
}

/** Which path a purchase came through: the CRM Gateway's (SSP deployments) or TPES's (non-SSP). */
type PurchasePath = 'crm-gateway' | 'tpes';

/**
 * The answer to a purchase (new or replayed): 201 `{_id}` by default (TPES: 200 `{entitlementId, status}`); in
 * CRM-25.26, a still PENDING entitlement is answered 202 `EntitlementCreatedPendingActivation` (TPES naming:
 * `entitlementId`).
 */
function purchaseAnswer(ctx: EmulatorContext, record: EntitlementRecord, path: PurchasePath): GatewayAnswer {
  if (ctx.settings.edition !== 'crm-25.26' || record.status !== 'PENDING') {
    return path === 'tpes'
      ? { status: 200, body: { entitlementId: record._id, status: record.status } }
      : { status: 201, body: { _id: record._id } };
  }
  const activation = ctx.entitlements.currentActivation(record);
  return {
    status: 202,
    body: {
      entitlementId: record._id,
      responseCode: '202',
      responseMessage: 'Accepted',
      parameters: {
        action: 'NAVIGATE_TO_URL',
        url: activation.url,
        urlExpiry: new Date(activation.expiresAt).toISOString(),
      },
    },
  };
}

/** The entitlement already stored under the body's `_id`, if its replay is allowed; throws if refused. */
function replayOf(ctx: EmulatorContext, tenantId: string, body: PurchaseBody): EntitlementRecord | undefined {
  if (body._id === undefined) return undefined;
  const existing = ctx.store.get(tenantId, body._id);
  if (!existing) return undefined;
  const policy = ctx.settings.duplicateIdPolicy;
  if (policy === 'replay' && existing.purchaseFingerprint === canonicalJson(body)) return existing;
  throw new GatewayError(
    400,
    'DUPLICATE_ENTITLEMENT_ID',
    policy === 'replay'
      ? `Entitlement ${body._id} already exists with a different request`
      : `Entitlement ${body._id} already exists`,
    [{ field: 'body/_id', message: 'is already used by another entitlement' }],
  );
}

/**
 * Refuses a product the account already holds live when `prohibitDuplicateProductPurchase` says so: `true`
 * prohibits with `duplicateFlag` `'prohibits'` (default, this spec's reading), `false` (or absent) prohibits with
 * `'allows'` (the seed page's sentence). Decision 1: the meaning is unconfirmed.
 */
function checkNoLiveDuplicate(ctx: EmulatorContext, request: GatewayRequest, body: PurchaseBody): void {
  const flag = request.query.prohibitDuplicateProductPurchase === true;
  if (flag !== (ctx.settings.duplicateFlag === 'prohibits')) return;
  const live = ctx.store
    .list(request.tenant.id)
    .find((e) => e.accountId === body.accountId && e.productId === body.productId && isLive(e.status));
  if (live) {
    throw new GatewayError(
      400,
      'DUPLICATE_PRODUCT_PURCHASE',
      `Account ${body.accountId} already holds a live entitlement (${live._id}) for ${body.productId}`,
    );
  }
}

function newRecord(tenantId: string, body: PurchaseBody): EntitlementRecord {
  const now = new Date().toISOString();
  return {
    tenantId,
    _id: body._id ?? newEntitlementId(),
    accountId: body.accountId,
    productId: body.productId,
    productType: THIRD_PARTY_PRODUCT_TYPE,
    status: 'PENDING',
    ...(body.reasonCode !== undefined ? { reasonCode: body.reasonCode } : {}),
    ...(body.reasonCategory !== undefined ? { reasonCategory: body.reasonCategory } : {}),
    ...(body.validFrom !== undefined ? { validFrom: body.validFrom } : {}),
    ...(body.expiryDate !== undefined ? { expiryDate: body.expiryDate } : {}),
    created: now,
    modified: now,
    purchaseFingerprint: canonicalJson(body),
  };
}

function purchase(path: PurchasePath): GatewayOperation {
  return (ctx, request) => {
    const body = request.body as PurchaseBody;
    const { tenant } = request;
    const replayed = replayOf(ctx, tenant.id, body);
    if (replayed) return purchaseAnswer(ctx, replayed, path);
    checkAccount(tenant, body.accountId, 'body/accountId');
    checkThirdPartyProduct(tenant, body.productId);
    checkNoLiveDuplicate(ctx, request, body);
    const record = newRecord(tenant.id, body);
    ctx.entitlements.create(record, request.correlationId);
    return purchaseAnswer(ctx, record, path);
  };
}

/**
 * `createThirdPartyEntitlement`: buys a third-party product for an account (a PENDING entitlement with a
 * Bango activation URL). A repeated `_id` with the same body is a replay (same answer, nothing created).
 *
 * @example
 * createThirdPartyEntitlement(ctx, request); // { status: 201, body: { _id } }
 */
export const createThirdPartyEntitlement: GatewayOperation = purchase('crm-gateway');

/**
 * `createTpesEntitlement`: the same purchase through TPES (deployments without SSP), answered 200
 * `{entitlementId, status}` (202 with the activation URL in CRM-25.26).
 *
 * @example
 * createTpesEntitlement(ctx, request); // { status: 200, body: { entitlementId, status: 'PENDING' } }
 */
export const createTpesEntitlement: GatewayOperation = purchase('tpes');
