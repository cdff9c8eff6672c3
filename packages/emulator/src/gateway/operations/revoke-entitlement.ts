import { transitionRefusal } from '../../entitlements/lifecycle.js';
import { actionResult } from './action-answers.js';
import { cancelReasons } from './cancel-reason.js';
import { findEntitlement, invalidTransition } from './entitlement-checks.js';
import type { GatewayOperation } from './operation.js';

/**
 * `revokeEntitlement`: a hard ending, → REVOKED (a no-op when already revoked).
 *
 * @example
 * revokeEntitlement(ctx, request).body; // { entitlementId, status: 'REVOKED', productId }
 */
export const revokeEntitlement: GatewayOperation = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  if (record.status === 'REVOKED') return actionResult(record);
  const refusal = transitionRefusal(record.status, 'REVOKED');
  if (refusal) throw invalidTransition(record, refusal);
  ctx.entitlements.changeStatus(record, 'REVOKED', cancelReasons(request.body), request.correlationId);
  return actionResult(record);
};
