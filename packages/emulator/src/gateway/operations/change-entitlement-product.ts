import { actionResult, changedAnswer } from './action-answers.js';
import { checkThirdPartyProduct, findEntitlement, invalidTransition } from './entitlement-checks.js';
import type { GatewayOperation } from './operation.js';

/**
 * `changeEntitlementProduct`: moves an ACTIVE or SUSPENDED entitlement to another third-party product of the
 * tenant (a no-op for its own product).
 *
 * @example
 * changeEntitlementProduct(ctx, request).body; // { entitlementId, status: 'ACTIVE', productId: 'Netflix_EU_B_BUNDLE_PREMIUM' }
 */
export const changeEntitlementProduct: GatewayOperation = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  const { productId } = request.body as { productId: string };
  checkThirdPartyProduct(request.tenant, productId);
  if (productId === record.productId) return actionResult(record);
  if (record.status !== 'ACTIVE' && record.status !== 'SUSPENDED') {
    throw invalidTransition(record, 'only an ACTIVE or SUSPENDED entitlement can change product');
  }
  ctx.entitlements.changeProduct(record, productId, request.correlationId);
  return changedAnswer(ctx, record);
};
