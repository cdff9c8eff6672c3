import type { CrmGatewayClient } from '@crm-gateway/client';
import type { PortalResponse } from '../portal-response.js';
import {
  callOptionsFor,
  correlationIdFor,
  invalidField,
  isIdentifier,
  objectBody,
  withGatewayErrors,
  type PortalHandlerInput,
  type PortalHandlerSettings,
} from './handler.js';

/**
 * Buys a third-party product for the session's account. Body: `{ "productId": "…" }` (any `accountId` in the
 * body is ignored). Answers 201 `{ entitlementId, status, correlationId }`, or a mapped error.
 *
 * @example
 * const answer = await handlePurchase(gateway, { accountId: 'account-alice', body: { productId: 'Netflix_EU_B_BUNDLE_BASIC' } });
 * // { status: 201, body: { entitlementId: '…', status: 'PENDING', correlationId: '…' } }
 */
export async function handlePurchase(
  gateway: CrmGatewayClient,
  input: PortalHandlerInput,
  settings: PortalHandlerSettings = {},
): Promise<PortalResponse> {
  const correlationId = correlationIdFor(gateway, input);
  const body = objectBody(input.body, false);
  if (body === undefined) {
    return invalidField('body', 'The body must be a JSON object with a productId.', correlationId);
  }
  const { productId } = body;
  if (productId === undefined) return invalidField('productId', 'productId is required.', correlationId);
  if (!isIdentifier(productId)) {
    return invalidField(
      'productId',
      'productId must be 1 to 128 letters, digits, ".", "_", ":" or "-".',
      correlationId,
    );
  }
  return withGatewayErrors(correlationId, settings, async () => {
    const result = await gateway.entitlements.purchaseThirdPartyProduct(
      {
        accountId: input.accountId,
        productId,
        prohibitDuplicateProductPurchase: settings.prohibitDuplicateProductPurchase ?? true,
      },
      callOptionsFor(gateway, correlationId),
    );
    return {
      status: 201,
      body: {
        entitlementId: result.entitlementId,
        status: result.status,
        correlationId: result.correlationId || correlationId,
      },
    };
  });
}
