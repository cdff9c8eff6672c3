import type { CrmGatewayClient } from '@crm-gateway/client';
import type { PortalResponse } from '../portal-response.js';
import {
  callOptionsFor,
  correlationIdFor,
  withGatewayErrors,
  type PortalHandlerInput,
  type PortalHandlerSettings,
} from './handler.js';

/** At most this many entitlements are listed for one account. */
const MAX_LISTED = 500;

/**
 * One entitlement as the portal shows it to its user.
 *
 * @example
 * const item: PortalEntitlement = { entitlementId: 'e-1', productId: 'Netflix_EU_B_BUNDLE_BASIC', status: 'ACTIVE' };
 */
export interface PortalEntitlement {
  entitlementId: string;
  productId: string;
  status: string;
  createdAt?: string;
  updatedAt?: string;
}

/**
 * Lists the session account's third-party entitlements (up to 500). Answers 200
 * `{ entitlements: PortalEntitlement[], correlationId }`.
 *
 * @example
 * const answer = await handleListEntitlements(gateway, { accountId: 'account-alice' });
 */
export async function handleListEntitlements(
  gateway: CrmGatewayClient,
  input: PortalHandlerInput,
  settings: PortalHandlerSettings = {},
): Promise<PortalResponse> {
  const correlationId = correlationIdFor(gateway, input);
  return withGatewayErrors(correlationId, settings, async () => {
    const entitlements: PortalEntitlement[] = [];
    for await (const item of gateway.entitlements.iterate(
      { accountId: input.accountId, pageSize: 100 },
      callOptionsFor(gateway, correlationId),
    )) {
      if (item.accountId !== input.accountId) continue;
      const listed: PortalEntitlement = {
        entitlementId: item.entitlementId,
        productId: item.productId,
        status: item.status,
      };
      if (item.created !== undefined) listed.createdAt = item.created;
      if (item.modified !== undefined) listed.updatedAt = item.modified;
      entitlements.push(listed);
      if (entitlements.length >= MAX_LISTED) break;
    }
    return { status: 200, body: { entitlements, correlationId } };
  });
}
