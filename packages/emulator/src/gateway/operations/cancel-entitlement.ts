import { cancelTarget } from '../../entitlements/lifecycle.js';
import { actionResult } from './action-answers.js';
import { cancelReasons } from './cancel-reason.js';
import { findEntitlement, invalidTransition } from './entitlement-checks.js';
import type { GatewayOperation } from './operation.js';

/**
 * `cancelEntitlement`: a soft ending: ACTIVE → ACTIVE-ENDING, PENDING or SUSPENDED → CANCELLED (a no-op when
 * already ending or cancelled).
 *
 * @example
 * cancelEntitlement(ctx, request).body; // { entitlementId, status: 'ACTIVE-ENDING', productId }
 */
export const cancelEntitlement: GatewayOperation = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  if (record.status === 'ACTIVE-ENDING' || record.status === 'CANCELLED') return actionResult(record);
  const target = cancelTarget(record.status);
  if (!target) throw invalidTransition(record, 'it cannot be cancelled');
  ctx.entitlements.changeStatus(record, target, cancelReasons(request.body), request.correlationId);
  return actionResult(record);
};
