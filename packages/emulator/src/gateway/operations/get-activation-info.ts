import { GatewayError } from '../gateway-error.js';
import { findEntitlement } from './entitlement-checks.js';
import type { GatewayOperation } from './operation.js';

/**
 * `getActivationInfo`: a fresh Bango activation URL for a PENDING entitlement.
 *
 * @example
 * getActivationInfo(ctx, request).body; // { entitlementId, parameters: { action: 'NAVIGATE_TO_URL', url, urlExpiry } }
 */
export const getActivationInfo: GatewayOperation = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  if (record.status !== 'PENDING') {
    throw new GatewayError(
      400,
      'NOT_PENDING',
      `Entitlement ${record._id} is ${record.status}; only a PENDING entitlement has an activation URL`,
    );
  }
  const { url, expiresAt } = ctx.entitlements.issueActivation(record);
  return {
    status: 200,
    body: {
      entitlementId: record._id,
      responseCode: '200',
      responseMessage: 'OK',
      parameters: { action: 'NAVIGATE_TO_URL', url, urlExpiry: new Date(expiresAt).toISOString() },
    },
  };
};
