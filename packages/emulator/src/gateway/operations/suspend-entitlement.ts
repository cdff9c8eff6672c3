import { transitionRefusal } from '../../entitlements/lifecycle.js';
import { actionResult } from './action-answers.js';
import { findEntitlement, invalidTransition } from './entitlement-checks.js';
import type { GatewayOperation } from './operation.js';

/**
 * `suspendEntitlement`: → SUSPENDED (a no-op when already suspended).
 *
 * @example
 * suspendEntitlement(ctx, request).body; // { entitlementId, status: 'SUSPENDED', productId }
 */
export const suspendEntitlement: GatewayOperation = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  if (record.status === 'SUSPENDED') return actionResult(record);
  const refusal = transitionRefusal(record.status, 'SUSPENDED');
  if (refusal) throw invalidTransition(record, refusal);
  ctx.entitlements.changeStatus(record, 'SUSPENDED', {}, request.correlationId);
  return actionResult(record);
};
