import { newCorrelationId } from '../internal/correlation-id.js';
import { checkIdentifier, checkObject, checkOptionalBoolean } from '../validation/validate.js';

/** The purchase's operation (the TPES edition's is `createTpesEntitlement`). */
export const OPERATION = 'createThirdPartyEntitlement';

/**
 * The `prohibitDuplicateProductPurchase` sent when the caller gives none: `false`, the default every OPF page
 * documents. Its meaning is unconfirmed (decision 1 of openapi/README.md), but sending `false` explicitly gives
 * what OPF does by default under either reading, without depending on a deployment's own default.
 */
const DEFAULT_PROHIBIT_DUPLICATES = false;

/**
 * The purchase request for a checked `input`: its query and body, with the entitlement `_id` fixed (the caller's,
 * else a new UUID) so every attempt sends the same one.
 */
export function purchaseRequest(input: unknown) {
  const fields = checkObject(input, 'input', OPERATION);
  const accountId = checkIdentifier(fields['accountId'], 'accountId', OPERATION);
  const productId = checkIdentifier(fields['productId'], 'productId', OPERATION);
  const _id =
    fields['entitlementId'] === undefined
      ? newCorrelationId()
      : checkIdentifier(fields['entitlementId'], 'entitlementId', OPERATION);
  const prohibit =
    checkOptionalBoolean(
      fields['prohibitDuplicateProductPurchase'],
      'prohibitDuplicateProductPurchase',
      OPERATION,
    ) ?? DEFAULT_PROHIBIT_DUPLICATES;
  return {
    params: { query: { prohibitDuplicateProductPurchase: prohibit } },
    body: { productType: 'THIRDPARTY', productId, accountId, status: 'PENDING', _id },
  } as const;
}
