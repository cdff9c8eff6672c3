export { CrmGatewayError, type CrmGatewayErrorCode, type CrmGatewayErrorInit } from './crm-gateway-error.js';
export { BadRequestError, type FieldProblem } from './bad-request-error.js';
export { ForbiddenError } from './forbidden-error.js';
export { TenantNotFoundError } from './tenant-not-found-error.js';
export { EntitlementNotFoundError } from './entitlement-not-found-error.js';
export { ConflictError } from './conflict-error.js';
export { ServerError } from './server-error.js';
export { TimeoutError } from './timeout-error.js';
export { ConnectionError } from './connection-error.js';
export { AuthError, type AuthErrorInit } from './auth-error.js';
export { ValidationError } from './validation-error.js';
export { AbortError } from './abort-error.js';
export {
  PurchaseOutcomeUnknownError,
  type PurchaseOutcomeUnknownErrorInit,
} from './purchase-outcome-unknown-error.js';
export { EntitlementIdInUseError, type EntitlementIdInUseErrorInit } from './entitlement-id-in-use-error.js';
export { isCrmGatewayError } from './is-crm-gateway-error.js';
