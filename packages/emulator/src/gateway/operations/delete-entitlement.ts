import { findEntitlement } from './entitlement-checks.js';
import type { GatewayOperation } from './operation.js';

/**
 * `deleteEntitlement`: deletes one entitlement (notified with `deleted: true`).
 *
 * @example
 * deleteEntitlement(ctx, request); // { status: 200, body: { deletedCount: 1 } }
 */
export const deleteEntitlement: GatewayOperation = (ctx, request) => {
  ctx.entitlements.remove(findEntitlement(ctx, request), request.correlationId);
  return { status: 200, body: { deletedCount: 1 } };
};
