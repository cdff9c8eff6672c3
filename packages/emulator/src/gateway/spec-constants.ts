// Constants the OpenAPI spec (openapi/crm-gateway.yaml) defines, taken from what is generated from it: the
// operation ids from this package's src/generated/operations.json, the statuses and identifier rules from
// @crm-gateway/client's generated constants (one generation, no hand copies).
import { ENTITLEMENT_STATUSES, HEADER_TOKEN_RULE, IDENTIFIER_RULE } from '@crm-gateway/client';
import document from '../generated/operations.json' with { type: 'json' };

/**
 * The spec's operation ids (the token endpoint's `getAccessToken` among them).
 *
 * @example
 * const id: OperationId = 'createThirdPartyEntitlement';
 */
export type OperationId =
  | 'createThirdPartyEntitlement'
  | 'createTpesEntitlement'
  | 'listEntitlements'
  | 'updateEntitlementStatus'
  | 'deleteEntitlement'
  | 'deleteAccountEntitlements'
  | 'getActivationInfo'
  | 'suspendEntitlement'
  | 'resumeEntitlement'
  | 'cancelEntitlement'
  | 'revokeEntitlement'
  | 'recoverEntitlement'
  | 'changeEntitlementProduct'
  | 'getAccessToken';

/** The generated operations, by id: the union above must name exactly these (checked when this file compiles). */
type GeneratedOperationId = keyof typeof document.operations;
const sameIds: [OperationId, GeneratedOperationId] extends [GeneratedOperationId, OperationId]
  ? true
  : never = true;
void sameIds;

/**
 * Every operation id of the spec, in the spec's order.
 *
 * @example
 * OPERATION_IDS.includes('listEntitlements'); // true
 */
export const OPERATION_IDS = Object.keys(document.operations) as readonly OperationId[];

/**
 * An entitlement status of the spec (`EntitlementStatus`).
 *
 * @example
 * const status: EntitlementStatus = 'ACTIVE-ENDING';
 */
export type EntitlementStatus = (typeof ENTITLEMENT_STATUSES)[number];

/**
 * The only product type the gateway's third-party operations take (`ProductType`).
 *
 * @example
 * if (product.type !== THIRD_PARTY_PRODUCT_TYPE) refuse();
 */
export const THIRD_PARTY_PRODUCT_TYPE = 'THIRDPARTY';

/**
 * An OPF identifier (`Identifier`, decision 17): 1-256 characters, no control characters, not `.` or `..`.
 *
 * @example
 * IDENTIFIER_PATTERN.test('account alice/1'); // true
 */
export const IDENTIFIER_PATTERN = ruleRegExp(IDENTIFIER_RULE);

/**
 * A header value such as a tenant id (`HeaderToken`): 1-128 printable ASCII characters, no spaces.
 *
 * @example
 * HEADER_TOKEN_PATTERN.test('tenant1'); // true
 */
export const HEADER_TOKEN_PATTERN = ruleRegExp(HEADER_TOKEN_RULE);

/**
 * The header naming the OPF tenant of a call.
 *
 * @example
 * c.req.header(TENANT_ID_HEADER); // 'tenant1'
 */
export const TENANT_ID_HEADER = 'nv-tenant-id';

/**
 * The header carrying the caller's correlation id (echoed as `requestId` in error bodies).
 *
 * @example
 * c.req.header(CORRELATION_ID_HEADER);
 */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/**
 * The header carrying a notification's HMAC signature (see `signNotification`).
 *
 * @example
 * headers[SIGNATURE_HEADER] = signNotification(secret, rawBody);
 */
export const SIGNATURE_HEADER = 'x-opf-signature';

/**
 * The Keycloak realm role a token needs for the gateway's operations.
 *
 * @example
 * claims.realm_access.roles.includes(OPERATOR_ROLE);
 */
export const OPERATOR_ROLE = 'operatorRole';

/** A generated rule (`^…$` pattern and length bounds) as one regular expression. */
function ruleRegExp(rule: { pattern: string; minLength: number; maxLength: number }): RegExp {
  return new RegExp(`^(?=[\\s\\S]{${rule.minLength},${rule.maxLength}}$)${rule.pattern.slice(1)}`);
}
