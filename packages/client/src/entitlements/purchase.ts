import { resolveCall, type CallOptions } from '../client/call-context.js';
import { callGateway, type Gateway } from '../client/gateway-call.js';
import { ConflictError } from '../errors/conflict-error.js';
import { operationFailure } from '../errors/operation-failure.js';
import { isCrmGatewayError } from '../errors/is-crm-gateway-error.js';
import { newCorrelationId } from '../internal/correlation-id.js';
import { checkIdentifier, checkObject, checkOptionalBoolean } from '../validation/validate.js';
import { readActivation, readEntitlementId, readEntitlements, readStatus } from './read-body.js';
import type { PurchaseInput, PurchaseResult } from './types.js';

const OPERATION = 'createThirdPartyEntitlement';
const LIST_PATH = '/crm-gateway/v1/rmg/v1/entitlements';

/**
 * Buys a third-party product. The entitlement `_id` is fixed before the first attempt (the caller's, else a new
 * UUID) and sent on every attempt, so a retry after a lost answer replays the same purchase instead of buying
 * twice. When the gateway reports the `_id` as existing (400 `DUPLICATE_ENTITLEMENT_ID` or 409), the client lists
 * it: same account and product → success; anything else → `ConflictError`.
 */
export async function purchaseThirdPartyProduct(
  gateway: Gateway,
  input: PurchaseInput,
  options: CallOptions | undefined,
): Promise<PurchaseResult> {
  const fields = checkObject(input, 'input', OPERATION);
  const accountId = checkIdentifier(fields['accountId'], 'accountId', OPERATION);
  const productId = checkIdentifier(fields['productId'], 'productId', OPERATION);
  const _id =
    fields['entitlementId'] === undefined
      ? newCorrelationId()
      : checkIdentifier(fields['entitlementId'], 'entitlementId', OPERATION);
  const prohibit = checkOptionalBoolean(
    fields['prohibitDuplicateProductPurchase'],
    'prohibitDuplicateProductPurchase',
    OPERATION,
  );
  const call = resolveCall(gateway.defaults, options, OPERATION);
  try {
    const result = await callGateway(gateway, call, 'post', '/crm-gateway/v2/rmg/v1/entitlements', {
      params: { query: { prohibitDuplicateProductPurchase: prohibit } },
      body: { productType: 'THIRDPARTY', productId, accountId, status: 'PENDING', _id },
    });
    const purchase: PurchaseResult = {
      entitlementId: readEntitlementId(result.body) ?? _id,
      status: readStatus(result.body) ?? (result.status === 200 ? 'ACTIVE' : 'PENDING'),
      correlationId: result.correlationId,
    };
    const activation = readActivation(result.body);
    if (activation) purchase.activation = activation;
    return purchase;
  } catch (error) {
    // The gateway says the _id exists: the same purchase (a replay after a lost answer) is a success.
    if (
      !isCrmGatewayError(error) ||
      !(error.status === 409 || error.resultCode === 'DUPLICATE_ENTITLEMENT_ID')
    )
      throw error;
    const listed = await callGateway(gateway, { ...call, operation: 'listEntitlements' }, 'get', LIST_PATH, {
      params: { query: { filter: JSON.stringify({ _id }) } },
    });
    const existing = readEntitlements(listed.body).find((e) => e._id === _id);
    if (existing?.accountId === accountId && existing.productId === productId) {
      return { entitlementId: _id, status: existing.status, correlationId: call.correlationId };
    }
    throw operationFailure(
      ConflictError,
      OPERATION,
      call.correlationId,
      `entitlement id ${_id} belongs to another purchase`,
      {
        status: error.status,
        body: error.body,
      },
    );
  }
}
