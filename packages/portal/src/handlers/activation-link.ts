import type { CrmGatewayClient } from '@crm-gateway/client';
import type { PortalResponse } from '../portal-response.js';
import {
  callOptionsFor,
  correlationIdFor,
  withGatewayErrors,
  type PortalHandlerInput,
  type PortalHandlerSettings,
} from './handler.js';
import { findOwnedEntitlement } from './owned-entitlement.js';

/**
 * Gets a fresh activation link for one of the session account's PENDING entitlements (the first link may have
 * expired). Answers 200 `{ entitlementId, url, urlExpiry?, action, correlationId }`; 404 when the entitlement is
 * not the account's; 400 `INVALID_STATE` when it is no longer waiting for activation.
 *
 * @example
 * const answer = await handleActivationLink(gateway, { accountId: 'account-alice', entitlementId: 'e-1' });
 */
export async function handleActivationLink(
  gateway: CrmGatewayClient,
  input: PortalHandlerInput,
  settings: PortalHandlerSettings = {},
): Promise<PortalResponse> {
  const correlationId = correlationIdFor(gateway, input);
  return withGatewayErrors(correlationId, settings, async () => {
    const owned = await findOwnedEntitlement(gateway, input, correlationId);
    if ('answer' in owned) return owned.answer;
    const info = await gateway.entitlements.getActivationInfo(
      owned.entitlement.entitlementId,
      callOptionsFor(gateway, correlationId),
    );
    const body: Record<string, unknown> = {
      entitlementId: owned.entitlement.entitlementId,
      url: info.url,
      action: info.action,
      correlationId,
    };
    if (info.urlExpiry !== undefined) body.urlExpiry = info.urlExpiry;
    return { status: 200, body };
  });
}
