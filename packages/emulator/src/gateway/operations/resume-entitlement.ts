import { transitionRefusal } from '../../entitlements/lifecycle.js';
import { GatewayError } from '../gateway-error.js';
import { actionResult, changedAnswer } from './action-answers.js';
import { findEntitlement, invalidTransition } from './entitlement-checks.js';
import type { GatewayOperation } from './operation.js';

/**
 * `resumeEntitlement`: → ACTIVE (a no-op when already active); the body's `productId` must be the
 * entitlement's.
 *
 * @example
 * resumeEntitlement(ctx, request).body; // { entitlementId, status: 'ACTIVE', productId }
 */
export const resumeEntitlement: GatewayOperation = (ctx, request) => {
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
  ctx.entitlements.changeStatus(record, 'ACTIVE', {}, request.correlationId);
  return changedAnswer(ctx, record);
};
