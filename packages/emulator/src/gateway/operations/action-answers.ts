import type { EmulatorContext } from '../../context.js';
import type { EntitlementRecord } from '../../entitlements/entitlement-store.js';
import type { GatewayAnswer } from './operation.js';

/**
 * The 200 `ActionResult` of an action: the entitlement's id, status and product.
 *
 * @example
 * if (record.status === 'SUSPENDED') return actionResult(record);
 */
export function actionResult(record: EntitlementRecord): GatewayAnswer {
  return {
    status: 200,
    body: { entitlementId: record._id, status: record.status, productId: record.productId },
  };
}

/**
 * The `ActionAccepted` body of CRM-25.26's 202 answers.
 *
 * @example
 * return { status: 202, body: acceptedBody(record) };
 */
export function acceptedBody(record: EntitlementRecord): Record<string, string> {
  return {
    entitlementId: record._id,
    status: record.status,
    responseCode: '202',
    responseMessage: 'Accepted',
  };
}

/**
 * The answer to an action that changed the entitlement: 200 `ActionResult` in the default edition, 202
 * `ActionAccepted` in CRM-25.26 (the change is applied and notified all the same).
 *
 * @example
 * return changedAnswer(ctx, record);
 */
export function changedAnswer(ctx: EmulatorContext, record: EntitlementRecord): GatewayAnswer {
  if (ctx.settings.edition !== 'crm-25.26') return actionResult(record);
  return { status: 202, body: acceptedBody(record) };
}
