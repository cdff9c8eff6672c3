import type { OperationId } from '../spec-constants.js';
import { cancelEntitlement } from './cancel-entitlement.js';
import { changeEntitlementProduct } from './change-entitlement-product.js';
import { createThirdPartyEntitlement, createTpesEntitlement } from './create-third-party-entitlement.js';
import { deleteAccountEntitlements } from './delete-account-entitlements.js';
import { deleteEntitlement } from './delete-entitlement.js';
import { getActivationInfo } from './get-activation-info.js';
import { listEntitlements } from './list-entitlements.js';
import type { GatewayOperation } from './operation.js';
import { recoverEntitlement } from './recover-entitlement.js';
import { resumeEntitlement } from './resume-entitlement.js';
import { revokeEntitlement } from './revoke-entitlement.js';
import { suspendEntitlement } from './suspend-entitlement.js';
import { updateEntitlementStatus } from './update-entitlement-status.js';

/** The operationIds the CRM Gateway serves (all but the Keycloak token endpoint). */
export type GatewayOperationId = Exclude<OperationId, 'getAccessToken'>;

/**
 * The business rules of every gateway operation, by operationId.
 *
 * @example
 * const answer = gatewayOperations.listEntitlements(ctx, request);
 */
export const gatewayOperations: Record<GatewayOperationId, GatewayOperation> = {
  createThirdPartyEntitlement,
  createTpesEntitlement,
  listEntitlements,
  updateEntitlementStatus,
  deleteEntitlement,
  deleteAccountEntitlements,
  getActivationInfo,
  suspendEntitlement,
  resumeEntitlement,
  cancelEntitlement,
  revokeEntitlement,
  recoverEntitlement,
  changeEntitlementProduct,
};
