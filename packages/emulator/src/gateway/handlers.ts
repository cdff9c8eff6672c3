import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import type { SeedTenant } from '../seed/seed-types.js';
import type { EntitlementStatus, OperationId } from './spec-constants.js';
import { GatewayError } from './gateway-error.js';
import { cancelTarget, isLive, transitionRefusal } from './lifecycle.js';
import { parseListQuery, runListQuery } from './list-query.js';
import { canonicalJson, type EntitlementRecord } from './store.js';

/** A validated request, ready for the business rules. */
export interface GatewayRequest {
  tenant: SeedTenant;
  correlationId: string | undefined;
  query: Record<string, unknown>;
  path: Record<string, string>;
  body: unknown;
}

/** What a handler answers. */
export interface GatewayAnswer {
  status: 200 | 201 | 202;
  body: unknown;
}

type Handler = (ctx: EmulatorContext, request: GatewayRequest) => GatewayAnswer;

/** A 24-hex id like OPF's (MongoDB ObjectId style). */
function newEntitlementId(): string {
  return randomBytes(12).toString('hex');
}

function findEntitlement(ctx: EmulatorContext, request: GatewayRequest): EntitlementRecord {
  const id = request.path.entitlementId ?? '';
  const record = ctx.store.get(request.tenant.id, id);
  if (!record) {
    throw new GatewayError(
      404,
      'ENTITLEMENT_NOT_FOUND',
      `Entitlement ${id} does not exist in tenant ${request.tenant.id}`,
    );
  }
  return record;
}

function invalidTransition(record: EntitlementRecord, reason: string): GatewayError {
  return new GatewayError(
    400,
    'INVALID_TRANSITION',
    `Entitlement ${record._id} is ${record.status}: ${reason}`,
  );
}

function checkThirdPartyProduct(tenant: SeedTenant, productId: string): void {
  const product = tenant.products.find((candidate) => candidate.id === productId);
  if (!product) {
    throw new GatewayError(
      400,
      'UNKNOWN_PRODUCT',
      `Product ${productId} does not exist in tenant ${tenant.id}`,
      [{ field: 'body/productId', message: `is not a product of tenant ${tenant.id}` }],
    );
  }
  if (product.type !== 'THIRDPARTY') {
    throw new GatewayError(
      400,
      'NOT_THIRD_PARTY',
      `Product ${productId} is a ${product.type} product, not THIRDPARTY`,
      [{ field: 'body/productId', message: 'is not a THIRDPARTY product' }],
    );
  }
}

/** Moves an entitlement to `status` (recording reasons) and queues the notification. */
function changeStatus(
  ctx: EmulatorContext,
  record: EntitlementRecord,
  status: EntitlementStatus,
  reasons: { reasonCode?: string | undefined; reasonCategory?: string | undefined },
  correlationId: string | undefined,
): void {
  const previousStatus = record.status;
  ctx.store.setStatus(record, status);
  if (reasons.reasonCode !== undefined) record.reasonCode = reasons.reasonCode;
  if (reasons.reasonCategory !== undefined) record.reasonCategory = reasons.reasonCategory;
  if (status !== 'PENDING') {
    delete record.activationToken;
    delete record.activationExpiresAt;
    if (record.autoActivateTimer) clearTimeout(record.autoActivateTimer);
    delete record.autoActivateTimer;
  }
  ctx.notifyChange(record, { previousStatus }, correlationId);
}

function actionResult(record: EntitlementRecord): GatewayAnswer {
  return {
    status: 200,
    body: { entitlementId: record._id, status: record.status, productId: record.productId },
  };
}

/**
 * The answer to an action that changed the entitlement: 200 `ActionResult` in the default edition, 202
 * `ActionAccepted` in CRM-25.26 (the change is applied and notified all the same).
 */
function changedAnswer(ctx: EmulatorContext, record: EntitlementRecord): GatewayAnswer {
  if (ctx.settings.edition !== 'crm-25.26') return actionResult(record);
  return { status: 202, body: acceptedBody(record) };
}

function acceptedBody(record: EntitlementRecord): Record<string, string> {
  return {
    entitlementId: record._id,
    status: record.status,
    responseCode: '202',
    responseMessage: 'Accepted',
  };
}

/** The activation parameters of a PENDING entitlement (its current URL, or a fresh one if none is valid). */
function activationParameters(
  ctx: EmulatorContext,
  record: EntitlementRecord,
): { action: 'NAVIGATE_TO_URL'; url: string; urlExpiry: string } {
  const current =
    record.activationToken !== undefined &&
    record.activationExpiresAt !== undefined &&
    record.activationExpiresAt > Date.now()
      ? { url: ctx.activationUrl(record.activationToken), expiresAt: record.activationExpiresAt }
      : ctx.issueActivation(record);
  return {
    action: 'NAVIGATE_TO_URL',
    url: current.url,
    urlExpiry: new Date(current.expiresAt).toISOString(),
  };
}

/**
 * The answer to a purchase (new or replayed): 201 `{_id}` by default; in CRM-25.26, a still PENDING
 * entitlement is answered 202 `EntitlementCreatedPendingActivation` (TPES naming: `entitlementId`).
 */
function purchaseAnswer(ctx: EmulatorContext, record: EntitlementRecord): GatewayAnswer {
  if (ctx.settings.edition !== 'crm-25.26' || record.status !== 'PENDING') {
    return { status: 201, body: { _id: record._id } };
  }
  return {
    status: 202,
    body: {
      entitlementId: record._id,
      responseCode: '202',
      responseMessage: 'Accepted',
      parameters: activationParameters(ctx, record),
    },
  };
}

interface PurchaseBody {
  productType: string;
  productId: string;
  accountId: string;
  status: 'PENDING';
  reasonCode?: string;
  reasonCategory?: string;
  _id?: string;
  validFrom?: string;
  expiryDate?: string;
}

const purchase: Handler = (ctx, request) => {
  const body = request.body as PurchaseBody;
  const { tenant } = request;
  if (body._id !== undefined) {
    const existing = ctx.store.get(tenant.id, body._id);
    if (existing) {
      if (
        ctx.settings.duplicateIdPolicy === 'replay' &&
        existing.purchaseFingerprint === canonicalJson(body)
      ) {
        return purchaseAnswer(ctx, existing);
      }
      throw new GatewayError(
        400,
        'DUPLICATE_ENTITLEMENT_ID',
        ctx.settings.duplicateIdPolicy === 'replay'
          ? `Entitlement ${body._id} already exists with a different request`
          : `Entitlement ${body._id} already exists`,
        [{ field: 'body/_id', message: 'is already used by another entitlement' }],
      );
    }
  }
  if (!tenant.accounts.includes(body.accountId)) {
    throw new GatewayError(
      400,
      'UNKNOWN_ACCOUNT',
      `Account ${body.accountId} does not exist in tenant ${tenant.id}`,
      [{ field: 'body/accountId', message: `is not an account of tenant ${tenant.id}` }],
    );
  }
  checkThirdPartyProduct(tenant, body.productId);
  if (request.query.prohibitDuplicateProductPurchase === true) {
    const live = ctx.store
      .list(tenant.id)
      .find((e) => e.accountId === body.accountId && e.productId === body.productId && isLive(e.status));
    if (live) {
      throw new GatewayError(
        400,
        'DUPLICATE_PRODUCT_PURCHASE',
        `Account ${body.accountId} already holds a live entitlement (${live._id}) for ${body.productId}`,
      );
    }
  }
  const now = new Date().toISOString();
  const record: EntitlementRecord = {
    tenantId: tenant.id,
    _id: body._id ?? newEntitlementId(),
    accountId: body.accountId,
    productId: body.productId,
    productType: 'THIRDPARTY',
    status: 'PENDING',
    ...(body.reasonCode !== undefined ? { reasonCode: body.reasonCode } : {}),
    ...(body.reasonCategory !== undefined ? { reasonCategory: body.reasonCategory } : {}),
    ...(body.validFrom !== undefined ? { validFrom: body.validFrom } : {}),
    ...(body.expiryDate !== undefined ? { expiryDate: body.expiryDate } : {}),
    created: now,
    modified: now,
    purchaseFingerprint: canonicalJson(body),
  };
  ctx.store.add(record);
  ctx.issueActivation(record);
  ctx.notifyChange(record, {}, request.correlationId);
  return purchaseAnswer(ctx, record);
};

const list: Handler = (ctx, request) => {
  const { query, issues } = parseListQuery(request.query);
  if (issues.length > 0) {
    throw new GatewayError(
      400,
      'VALIDATION_FAILED',
      `Invalid request: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return { status: 200, body: runListQuery(ctx.store.list(request.tenant.id), query) };
};

interface StatusUpdateBody {
  status: EntitlementStatus;
  productId?: string;
  accountId?: string;
  productType?: string;
  reasonCode?: string;
  reasonCategory?: string;
  cancelReasonCategory?: string;
  cancelReasonCode?: string;
}

const updateStatus: Handler = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  const body = request.body as StatusUpdateBody;
  const mismatches = (['productId', 'accountId', 'productType'] as const)
    .filter((key) => body[key] !== undefined && body[key] !== record[key])
    .map((key) => ({ field: `body/${key}`, message: `must be the entitlement's ${key} (${record[key]})` }));
  if (mismatches.length > 0) {
    throw new GatewayError(
      400,
      'VALIDATION_FAILED',
      `Invalid request: ${mismatches.map((m) => `${m.field} ${m.message}`).join('; ')}`,
      mismatches,
    );
  }
  const refusal = transitionRefusal(record.status, body.status);
  if (refusal) throw invalidTransition(record, refusal);
  if (record.status === body.status) return { status: 200, body: { matchedCount: 1, modifiedCount: 0 } };
  changeStatus(
    ctx,
    record,
    body.status,
    {
      reasonCode: body.reasonCode ?? body.cancelReasonCode,
      reasonCategory: body.reasonCategory ?? body.cancelReasonCategory,
    },
    request.correlationId,
  );
  if (body.status === 'ACTIVE' && ctx.settings.edition === 'crm-25.26') {
    return { status: 202, body: acceptedBody(record) };
  }
  return { status: 200, body: { matchedCount: 1, modifiedCount: 1 } };
};

function deleteRecord(
  ctx: EmulatorContext,
  record: EntitlementRecord,
  correlationId: string | undefined,
): void {
  ctx.store.remove(record.tenantId, record._id);
  ctx.notifyChange(record, { previousStatus: record.status, deleted: true }, correlationId);
}

const deleteOne: Handler = (ctx, request) => {
  deleteRecord(ctx, findEntitlement(ctx, request), request.correlationId);
  return { status: 200, body: { deletedCount: 1 } };
};

const deleteAccount: Handler = (ctx, request) => {
  const accountId = request.path.accountId ?? '';
  if (!request.tenant.accounts.includes(accountId)) {
    throw new GatewayError(
      400,
      'UNKNOWN_ACCOUNT',
      `Account ${accountId} does not exist in tenant ${request.tenant.id}`,
      [{ field: 'path/accountId', message: `is not an account of tenant ${request.tenant.id}` }],
    );
  }
  const records = ctx.store.list(request.tenant.id).filter((record) => record.accountId === accountId);
  for (const record of records) deleteRecord(ctx, record, request.correlationId);
  return { status: 200, body: { deletedCount: records.length } };
};

const activationInfo: Handler = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  if (record.status !== 'PENDING') {
    throw new GatewayError(
      400,
      'NOT_PENDING',
      `Entitlement ${record._id} is ${record.status}; only a PENDING entitlement has an activation URL`,
    );
  }
  const { url, expiresAt } = ctx.issueActivation(record);
  return {
    status: 200,
    body: {
      entitlementId: record._id,
      responseCode: '200',
      responseMessage: 'OK',
      parameters: { action: 'NAVIGATE_TO_URL', url, urlExpiry: new Date(expiresAt).toISOString() },
    },
  };
};

const suspend: Handler = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  if (record.status === 'SUSPENDED') return actionResult(record);
  const refusal = transitionRefusal(record.status, 'SUSPENDED');
  if (refusal) throw invalidTransition(record, refusal);
  changeStatus(ctx, record, 'SUSPENDED', {}, request.correlationId);
  return actionResult(record);
};

const resume: Handler = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  const { productId } = request.body as { productId: string };
  if (productId !== record.productId) {
    throw new GatewayError(
      400,
      'VALIDATION_FAILED',
      `Invalid request: body/productId must be the entitlement's product`,
      [{ field: 'body/productId', message: `must be the entitlement's productId (${record.productId})` }],
    );
  }
  if (record.status === 'ACTIVE') return actionResult(record);
  const refusal = transitionRefusal(record.status, 'ACTIVE');
  if (refusal) throw invalidTransition(record, refusal);
  changeStatus(ctx, record, 'ACTIVE', {}, request.correlationId);
  return changedAnswer(ctx, record);
};

interface CancelBody {
  cancelReasonCategory: string;
  cancelReasonCode: string;
}

const cancel: Handler = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  if (record.status === 'ACTIVE-ENDING' || record.status === 'CANCELLED') return actionResult(record);
  const target = cancelTarget(record.status);
  if (!target) throw invalidTransition(record, 'it cannot be cancelled');
  const body = request.body as CancelBody;
  changeStatus(
    ctx,
    record,
    target,
    { reasonCategory: body.cancelReasonCategory, reasonCode: body.cancelReasonCode },
    request.correlationId,
  );
  return actionResult(record);
};

const revoke: Handler = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  if (record.status === 'REVOKED') return actionResult(record);
  const refusal = transitionRefusal(record.status, 'REVOKED');
  if (refusal) throw invalidTransition(record, refusal);
  const body = request.body as CancelBody;
  changeStatus(
    ctx,
    record,
    'REVOKED',
    { reasonCategory: body.cancelReasonCategory, reasonCode: body.cancelReasonCode },
    request.correlationId,
  );
  return actionResult(record);
};

const recover: Handler = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  if (!['ACTIVE', 'ACTIVE-ENDING', 'SUSPENDED'].includes(record.status)) {
    throw invalidTransition(
      record,
      'only an activated entitlement (ACTIVE, ACTIVE-ENDING, SUSPENDED) can be recovered',
    );
  }
  return {
    status: 200,
    body: { recoveryUrl: `${ctx.baseUrl()}/bango/recover/${record._id}?nonce=${randomUUID()}` },
  };
};

const changeProduct: Handler = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  const { productId } = request.body as { productId: string };
  checkThirdPartyProduct(request.tenant, productId);
  if (productId === record.productId) return actionResult(record);
  if (record.status !== 'ACTIVE' && record.status !== 'SUSPENDED') {
    throw invalidTransition(record, 'only an ACTIVE or SUSPENDED entitlement can change product');
  }
  const previousProductId = record.productId;
  record.productId = productId;
  record.modified = new Date().toISOString();
  ctx.notifyChange(record, { previousStatus: record.status, previousProductId }, request.correlationId);
  return changedAnswer(ctx, record);
};

/**
 * The business rules of every gateway operation, by operationId.
 *
 * @example
 * const answer = gatewayHandlers.listEntitlements(ctx, request);
 */
export const gatewayHandlers: Record<Exclude<OperationId, 'getAccessToken'>, Handler> = {
  createThirdPartyEntitlement: purchase,
  listEntitlements: list,
  updateEntitlementStatus: updateStatus,
  deleteEntitlement: deleteOne,
  deleteAccountEntitlements: deleteAccount,
  getActivationInfo: activationInfo,
  suspendEntitlement: suspend,
  resumeEntitlement: resume,
  cancelEntitlement: cancel,
  revokeEntitlement: revoke,
  recoverEntitlement: recover,
  changeEntitlementProduct: changeProduct,
};
