import { callGateway, prepareCall, type Gateway, type PreparedCall } from '../client/gateway-call.js';
import { ConflictError } from '../errors/conflict-error.js';
import { isCrmGatewayError } from '../errors/is-crm-gateway-error.js';
import type { CrmGatewayError } from '../errors/crm-gateway-error.js';
import { newCorrelationId } from '../internal/correlation-id.js';
import { checkIdentifier, checkObject, checkOptionalBoolean } from '../validation/validate.js';
import { readActivation, readEntitlementId, readEntitlements, readStatus } from './read-body.js';
import type { CallOptions, PurchaseInput, PurchaseResult } from './types.js';

const OPERATION = 'createThirdPartyEntitlement';
const PATH = '/crm-gateway/v2/rmg/v1/entitlements';
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
  const entitlementId =
    fields['entitlementId'] === undefined
      ? newCorrelationId()
      : checkIdentifier(fields['entitlementId'], 'entitlementId', OPERATION);
  const prohibit = checkOptionalBoolean(
    fields['prohibitDuplicateProductPurchase'],
    'prohibitDuplicateProductPurchase',
    OPERATION,
  );
  const call = prepareCall(gateway.defaults, options, OPERATION);
  const query = prohibit === undefined ? '' : `?prohibitDuplicateProductPurchase=${prohibit}`;
  const body = { productType: 'THIRDPARTY', productId, accountId, status: 'PENDING', _id: entitlementId };
  let result;
  try {
    result = await callGateway(gateway, call, OPERATION, 'POST', PATH + query, body);
  } catch (error) {
    if (isDuplicateId(error))
      return confirmSamePurchase(gateway, call, { entitlementId, accountId, productId }, error);
    throw error;
  }
  const purchase: PurchaseResult = {
    entitlementId: readEntitlementId(result.body) ?? entitlementId,
    status: readStatus(result.body) ?? (result.status === 200 ? 'ACTIVE' : 'PENDING'),
    correlationId: result.correlationId,
  };
  const activation = readActivation(result.body);
  if (activation) purchase.activation = activation;
  return purchase;
}

function isDuplicateId(error: unknown): error is CrmGatewayError {
  if (!isCrmGatewayError(error)) return false;
  return error.status === 409 || (error.status === 400 && error.resultCode === 'DUPLICATE_ENTITLEMENT_ID');
}

async function confirmSamePurchase(
  gateway: Gateway,
  call: PreparedCall,
  expected: { entitlementId: string; accountId: string; productId: string },
  duplicate: CrmGatewayError,
): Promise<PurchaseResult> {
  const filter = encodeURIComponent(JSON.stringify({ _id: expected.entitlementId }));
  const listed = await callGateway(gateway, call, 'listEntitlements', 'GET', `${LIST_PATH}?filter=${filter}`);
  const existing = readEntitlements(listed.body).find((e) => e._id === expected.entitlementId);
  if (existing && existing.accountId === expected.accountId && existing.productId === expected.productId) {
    return { entitlementId: existing._id, status: existing.status, correlationId: call.correlationId };
  }
  throw new ConflictError({
    message:
      `${OPERATION}: entitlement id ${expected.entitlementId} already belongs to another purchase ` +
      `(correlation id ${call.correlationId})`,
    status: duplicate.status,
    correlationId: call.correlationId,
    operation: OPERATION,
    body: duplicate.body,
  });
}
