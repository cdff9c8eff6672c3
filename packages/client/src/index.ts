/**
 * @module @crm-gateway/client
 * Typed client for NAGRA OpenTV Platform's CRM Gateway: Keycloak tokens, tenant and correlation headers, retries
 * that never buy twice, timeouts, typed errors, and notification signature checks. Runs wherever `fetch` and Web
 * Crypto exist (Node >= 20, Bun, Deno, Workers).
 */
export type { components, operations, paths, webhooks } from './generated/schema.js';

export { createCrmGatewayClient, type ClientContext, type CrmGatewayClient } from './client/create-client.js';
export type { CrmGatewayClientOptions } from './client/options.js';
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
  CallOptions,
  CancelReason,
  CancelReasonCategory,
  CancelReasonCode,
  DeleteResult,
  Entitlement,
  EntitlementFilter,
  EntitlementsApi,
  EntitlementStatus,
  IterateQuery,
  ListQuery,
  ListResult,
  PurchaseInput,
  PurchaseResult,
  RecoverResult,
  StatusUpdate,
} from './entitlements/types.js';
export { ENTITLEMENT_STATUSES } from './entitlements/read-body.js';
export {
  AbortError,
  AuthError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  CrmGatewayError,
  EntitlementNotFoundError,
  ForbiddenError,
  isCrmGatewayError,
  ServerError,
  TenantNotFoundError,
  TimeoutError,
  ValidationError,
  type AuthErrorInit,
  type CrmGatewayErrorCode,
  type CrmGatewayErrorInit,
  type FieldProblem,
} from './errors/index.js';
export {
  signNotification,
  verifyNotificationSignature,
  type VerifyNotificationSignatureInput,
} from './notifications/verify-notification-signature.js';
export * from './portal/index.js';
