/**
 * @module @crm-gateway/client
 * Typed client for NAGRA OpenTV Platform's CRM Gateway: Keycloak tokens, tenant and correlation headers, retries
 * that never buy twice, timeouts, typed errors, and notification signature checks. Runs wherever `fetch` and Web
 * Crypto exist (Node >= 20, Bun, Deno, Workers).
 */
export type { components, operations, paths, webhooks } from './generated/schema.js';

export { createCrmGatewayClient, type CrmGatewayClient } from './client/create-client.js';
export type { BoundContext, CallContext, CallOptions, ClientContext } from './client/call-context.js';
export type { CrmGatewayClientOptions, Deployment } from './client/options.js';
export type {
  AuthOptions,
  ClientCredentialsAuth,
  KeycloakAuth,
  PasswordGrantAuth,
  TokenFunctionAuth,
} from './auth/auth-options.js';
export type { SharedToken, TokenCache } from './auth/token-cache.js';
export type { BackoffOptions } from './retry/retry-policy.js';
export type { Logger } from './internal/logger.js';
export type { ClientFilledHeader, CrmGatewayApi, GatewayPaths } from './api/gateway-api.js';
export type {
  ActionResult,
  ActivationInfoResult,
  ActivationLink,
  CancelReason,
  CancelReasonCategory,
  CancelReasonCode,
  DeleteResult,
  Entitlement,
  EntitlementFilter,
  EntitlementStatus,
  IterateQuery,
  ListQuery,
  ListResult,
  PurchaseInput,
  PurchaseResult,
  RecoverResult,
  StatusUpdate,
} from './entitlements/types.js';
export type { EntitlementsApi } from './entitlements/create-entitlements-api.js';
export {
  CANCEL_REASON_CATEGORIES,
  CANCEL_REASON_CODES,
  CANCEL_REASON_CODES_BY_CATEGORY,
  CANCEL_REASON_MAX_LENGTHS,
  ENTITLEMENT_STATUSES,
  HEADER_TOKEN_RULE,
  IDENTIFIER_RULE,
  REASON_CODE_RULE,
  STATUS_UPDATE_MAX_LENGTHS,
} from './generated/constants.js';
export { isCorrelationId, newCorrelationId } from './internal/correlation-id.js';
export {
  AbortError,
  AuthError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  CrmGatewayError,
  EntitlementIdInUseError,
  EntitlementNotFoundError,
  ForbiddenError,
  isCrmGatewayError,
  PurchaseOutcomeUnknownError,
  ServerError,
  TenantNotFoundError,
  TimeoutError,
  ValidationError,
  type AuthErrorInit,
  type CrmGatewayErrorCode,
  type CrmGatewayErrorInit,
  type EntitlementIdInUseErrorInit,
  type FieldProblem,
  type PurchaseOutcomeUnknownErrorInit,
} from './errors/index.js';
export {
  signNotification,
  verifyNotificationSignature,
  type VerifyNotificationSignatureInput,
} from './notifications/verify-notification-signature.js';
