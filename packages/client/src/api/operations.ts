/** The gateway operations of the spec, to name an operation from a method and a path. */
export interface OperationRoute {
  operationId: string;
  method: string;
  /** The spec path template. */
  path: string;
  /** True when the operation's 404 can only mean "tenant not found". */
  tenantOnly404: boolean;
}

export const OPERATION_ROUTES: readonly OperationRoute[] = [
  route('createThirdPartyEntitlement', 'POST', '/crm-gateway/v2/rmg/v1/entitlements', true),
  route('listEntitlements', 'GET', '/crm-gateway/v1/rmg/v1/entitlements', true),
  route('updateEntitlementStatus', 'PUT', '/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}', false),
  route('deleteEntitlement', 'DELETE', '/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}', false),
  route(
    'deleteAccountEntitlements',
    'DELETE',
    '/crm-gateway/v2/rmg/v1/entitlements/account/{accountId}',
    true,
  ),
  route('getActivationInfo', 'GET', '/tpes/v1/operator/entitlements/{entitlementId}/activationinfo', false),
  route(
    'suspendEntitlement',
    'POST',
    '/tpes/v1/operator/entitlements/{entitlementId}/actions/suspend',
    false,
  ),
  route('resumeEntitlement', 'POST', '/tpes/v1/operator/entitlements/{entitlementId}/actions/resume', false),
  route('cancelEntitlement', 'POST', '/tpes/v1/operator/entitlements/{entitlementId}/actions/cancel', false),
  route('revokeEntitlement', 'POST', '/tpes/v1/operator/entitlements/{entitlementId}/actions/revoke', false),
  route(
    'recoverEntitlement',
    'POST',
    '/tpes/v1/operator/entitlements/{entitlementId}/actions/recover',
    false,
  ),
  route(
    'changeEntitlementProduct',
    'POST',
    '/tpes/v1/operator/entitlements/{entitlementId}/actions/changeProduct',
    false,
  ),
  route('getAccessToken', 'POST', '/keycloak/auth/realms/{realm}/protocol/openid-connect/token', true),
];

const MATCHERS = OPERATION_ROUTES.map((entry) => ({
  entry,
  pattern: new RegExp(`^${entry.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The route of `method` + `pathname` (the part after the base URL's path), if the spec has it. */
export function findOperation(method: string, pathname: string): OperationRoute | undefined {
  const upper = method.toUpperCase();
  for (const { entry, pattern } of MATCHERS) {
    if (entry.method === upper && pattern.test(pathname)) return entry;
  }
  return undefined;
}

function route(operationId: string, method: string, path: string, tenantOnly404: boolean): OperationRoute {
  return { operationId, method, path, tenantOnly404 };
}
