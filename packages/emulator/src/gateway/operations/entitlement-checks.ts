import type { EmulatorContext } from '../../context.js';
import type { EntitlementRecord } from '../../entitlements/entitlement-store.js';
import type { SeedTenant } from '../../seed/seed-types.js';
import { GatewayError } from '../gateway-error.js';
import { THIRD_PARTY_PRODUCT_TYPE } from '../spec-constants.js';
import type { GatewayRequest } from './operation.js';

/**
 * The entitlement named by the path's `entitlementId` in the request's tenant; 404 `ENTITLEMENT_NOT_FOUND`
 * when there is none.
 *
 * @example
 * const record = findEntitlement(ctx, request);
 */
export function findEntitlement(ctx: EmulatorContext, request: GatewayRequest): EntitlementRecord {
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

/**
 * The 400 `INVALID_TRANSITION` error of a refused change, naming the entitlement's status and `reason`.
 *
 * @example
 * if (refusal) throw invalidTransition(record, refusal);
 */
export function invalidTransition(record: EntitlementRecord, reason: string): GatewayError {
  return new GatewayError(
    400,
    'INVALID_TRANSITION',
    `Entitlement ${record._id} is ${record.status}: ${reason}`,
  );
}

/**
 * Refuses (400 `UNKNOWN_ACCOUNT`, naming `field`) an account the tenant does not have.
 *
 * @example
 * checkAccount(request.tenant, body.accountId, 'body/accountId');
 */
export function checkAccount(tenant: SeedTenant, accountId: string, field: string): void {
  if (!tenant.accounts.includes(accountId)) {
    throw new GatewayError(
      400,
      'UNKNOWN_ACCOUNT',
      `Account ${accountId} does not exist in tenant ${tenant.id}`,
      [{ field, message: `is not an account of tenant ${tenant.id}` }],
    );
  }
}

/**
 * Refuses (400) a product the tenant does not have (`UNKNOWN_PRODUCT`) or that is not a third-party product
 * (`NOT_THIRD_PARTY`).
 *
 * @example
 * checkThirdPartyProduct(request.tenant, 'Netflix_EU_B_BUNDLE_BASIC');
 */
export function checkThirdPartyProduct(tenant: SeedTenant, productId: string): void {
  const product = tenant.products.find((candidate) => candidate.id === productId);
  if (!product) {
    throw new GatewayError(
      400,
      'UNKNOWN_PRODUCT',
      `Product ${productId} does not exist in tenant ${tenant.id}`,
      [{ field: 'body/productId', message: `is not a product of tenant ${tenant.id}` }],
    );
  }
  if (product.type !== THIRD_PARTY_PRODUCT_TYPE) {
    throw new GatewayError(
      400,
      'NOT_THIRD_PARTY',
      `Product ${productId} is a ${product.type} product, not ${THIRD_PARTY_PRODUCT_TYPE}`,
      [{ field: 'body/productId', message: `is not a ${THIRD_PARTY_PRODUCT_TYPE} product` }],
    );
  }
}

/**
 * Refuses (400 `VALIDATION_FAILED`) a request whose `issues` are not empty, listing them in the message.
 *
 * @example
 * refuseInvalid([{ field: 'query/filter', message: 'must be a JSON object' }]);
 */
export function refuseInvalid(issues: { field: string; message: string }[]): void {
  if (issues.length === 0) return;
  throw new GatewayError(
    400,
    'VALIDATION_FAILED',
    `Invalid request: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`,
    issues,
  );
}
