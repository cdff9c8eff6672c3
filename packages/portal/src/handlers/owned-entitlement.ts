import type { CrmGatewayClient } from '@crm-gateway/client';
import { notFound } from '../gateway-error-mapping.js';
import type { PortalResponse } from '../portal-response.js';
import { callOptionsFor, invalidField, isIdentifier, type PortalHandlerInput } from './handler.js';

/**
 * The entitlement fields the portal routes use.
 *
 * @example
 * const e: OwnedEntitlement = { entitlementId: 'e-1', productId: 'P1', accountId: 'account-alice', productType: 'THIRDPARTY', status: 'ACTIVE' };
 */
export interface OwnedEntitlement {
  entitlementId: string;
  productId: string;
  accountId: string;
  productType: string;
  status: string;
}

/**
 * @internal Loads the path's entitlement and checks it is a third-party entitlement of the session's account.
 * Answers a {@link PortalResponse} (400 bad id, 404 unknown or not owned) instead when it is not.
 */
export async function findOwnedEntitlement(
  gateway: CrmGatewayClient,
  input: PortalHandlerInput,
  correlationId: string,
): Promise<{ entitlement: OwnedEntitlement } | { answer: PortalResponse }> {
  const { entitlementId } = input;
  if (!isIdentifier(entitlementId)) {
    return {
      answer: invalidField(
        'entitlementId',
        'entitlementId must be 1 to 128 letters, digits, ".", "_", ":" or "-".',
        correlationId,
      ),
    };
  }
  const entitlement: OwnedEntitlement = await gateway.entitlements.get(
    entitlementId,
    callOptionsFor(gateway, correlationId),
  );
  if (entitlement.accountId !== input.accountId || entitlement.productType !== 'THIRDPARTY') {
    return { answer: notFound(correlationId) };
  }
  return { entitlement };
}
