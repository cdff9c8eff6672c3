import type { CrmGatewayClient } from '@crm-gateway/client';
import type { PortalResponse } from '../portal-response.js';
import { deriveEntitlementId, readIdempotencyKey } from './idempotency-key.js';
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
 * body is ignored). Answers 201 `{ entitlementId, status, correlationId }`, or a mapped error. With an
 * `Idempotency-Key`, the entitlement id is derived from tenant, account and key, so the user's retry (after a lost
 * answer, a double click, a reload; on any instance) gets the same entitlement instead of a second one; the same key
 * for another product is 422 `IDEMPOTENCY_KEY_REUSED`. A purchase whose outcome stays unknown is 503
 * `PURCHASE_OUTCOME_UNKNOWN` with its `entitlementId` and `retry-after`.
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
  let entitlementId: string | undefined;
  if (input.idempotencyKey !== undefined) {
    const key = readIdempotencyKey(input.idempotencyKey);
    if (key === undefined) {
      return invalidField(
        'Idempotency-Key',
        'The Idempotency-Key header must be 1 to 255 visible ASCII characters.',
        correlationId,
      );
    }
    entitlementId = await deriveEntitlementId({
      tenantId: gateway.context.tenantId,
      accountId: input.accountId,
      key,
    });
  }
  return withGatewayErrors(correlationId, settings, async () => {
    const result = await gateway.entitlements.purchaseThirdPartyProduct(
      {
        accountId: input.accountId,
        productId,
        prohibitDuplicateProductPurchase: settings.prohibitDuplicateProductPurchase ?? true,
        ...(entitlementId === undefined ? {} : { entitlementId }),
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
