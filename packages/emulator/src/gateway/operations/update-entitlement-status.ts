import { transitionRefusal } from '../../entitlements/lifecycle.js';
import type { EntitlementStatus } from '../spec-constants.js';
import { acceptedBody } from './action-answers.js';
import { findEntitlement, invalidTransition, refuseInvalid } from './entitlement-checks.js';
import type { GatewayOperation } from './operation.js';

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

/**
 * `updateEntitlementStatus`: sets an entitlement's status (the RMG way); the body's product, account and
 * product type, when given, must be the entitlement's. Staying in the same status changes nothing.
 *
 * @example
 * updateEntitlementStatus(ctx, request); // { status: 200, body: { matchedCount: 1, modifiedCount: 1 } }
 */
export const updateEntitlementStatus: GatewayOperation = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  const body = request.body as StatusUpdateBody;
  refuseInvalid(
    (['productId', 'accountId', 'productType'] as const)
      .filter((key) => body[key] !== undefined && body[key] !== record[key])
      .map((key) => ({ field: `body/${key}`, message: `must be the entitlement's ${key} (${record[key]})` })),
  );
  const refusal = transitionRefusal(record.status, body.status);
  if (refusal) throw invalidTransition(record, refusal);
  if (record.status === body.status) return { status: 200, body: { matchedCount: 1, modifiedCount: 0 } };
  ctx.entitlements.changeStatus(
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
