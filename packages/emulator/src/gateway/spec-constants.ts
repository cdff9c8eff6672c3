// Constants the OpenAPI spec (openapi/crm-gateway.yaml) also defines, written by hand for now.
// replaced by the generated constants in a later step

/**
 * The spec's operationIds the emulator serves (plus the Keycloak token endpoint, `getAccessToken`).
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

/**
 * Every operationId, in the spec's order.
 *
 * @example
 * OPERATION_IDS.includes('listEntitlements'); // true
 */
export const OPERATION_IDS: readonly OperationId[] = [
  'createThirdPartyEntitlement',
  'createTpesEntitlement',
  'listEntitlements',
  'updateEntitlementStatus',
  'deleteEntitlement',
  'deleteAccountEntitlements',
  'getActivationInfo',
  'suspendEntitlement',
  'resumeEntitlement',
  'cancelEntitlement',
  'revokeEntitlement',
  'recoverEntitlement',
  'changeEntitlementProduct',
  'getAccessToken',
];

/**
 * An entitlement status of the spec (`EntitlementStatus`).
 *
 * @example
 * const status: EntitlementStatus = 'ACTIVE-ENDING';
 */
export type EntitlementStatus =
  | 'SUBSCRIBED'
  | 'UNSUBSCRIBED'
  | 'SUSPENDED'
  | 'PENDING'
  | 'ACTIVE'
  | 'ACTIVE-ENDING'
  | 'CANCELLED'
  | 'REVOKED'
  | 'FAILED';

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
export const IDENTIFIER_PATTERN = /^(?!\.\.?$)[^\x00-\x1F\x7F-\x9F]{1,256}$/u;

/**
 * A header value such as a tenant id (`HeaderToken`): 1-128 printable ASCII characters, no spaces.
 *
 * @example
 * HEADER_TOKEN_PATTERN.test('tenant1'); // true
 */
export const HEADER_TOKEN_PATTERN = /^[\x21-\x7E]{1,128}$/;

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
