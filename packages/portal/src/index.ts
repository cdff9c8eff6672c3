/**
 * @module @crm-gateway/portal
 * The portal core: framework-neutral request handling shared by `@crm-gateway/express-plugin` and
 * `@crm-gateway/hono-plugin` (and usable directly from Fastify, NestJS or any other framework). Web-standard
 * APIs only (runs on Node, Bun and Workers).
 */
export {
  createPortalAdapter,
  type AdapterReceiverOptions,
  type AdapterRouteOptions,
  type MountedPortalRoute,
  type PortalAdapter,
  type PortalRouteFactoryName,
} from './adapter/create-portal-adapter.js';
export type { PortalFramework } from './adapter/portal-framework.js';
export { DEFAULT_MAX_BODY_BYTES, readLimitedText } from './adapter/read-limited-text.js';
export { CrmGatewayPluginError } from './errors/plugin-error.js';
export { MissingCrmGatewayMiddlewareError } from './errors/missing-middleware-error.js';
export { PayloadTooLargeError } from './errors/payload-too-large-error.js';
export { RawBodyUnavailableError } from './errors/raw-body-unavailable-error.js';
export { normalizeCorrelationId } from './correlation-id.js';
export {
  portalError,
  type PortalErrorBody,
  type PortalErrorCode,
  type PortalResponse,
} from './portal-response.js';
export { mapGatewayError, notFound } from './gateway-error-mapping.js';
export {
  correlationIdOf,
  createRequestGatewayBinder,
  type CrmGatewayOptions,
  type RequestGateway,
  type RequestGatewayBinder,
  type TenantResolver,
} from './request-gateway.js';
export { InvalidJsonBodyError, parseJsonBody } from './json-body.js';
export { guardStateChange, type GuardedHeaders } from './request-guard.js';
export { assertRouteOptions, type AccountResolver, type PortalRouteOptions } from './account.js';
export type { PortalHandler, PortalHandlerInput, PortalHandlerSettings } from './handlers/handler.js';
export { handlePurchase } from './handlers/purchase.js';
export {
  deriveEntitlementId,
  IDEMPOTENCY_KEY_HEADER,
  readIdempotencyKey,
} from './handlers/idempotency-key.js';
export { handleListEntitlements, type PortalEntitlement } from './handlers/list-entitlements.js';
export { handleActivationLink } from './handlers/activation-link.js';
export {
  DEFAULT_CANCEL_REASONS,
  handleCancel,
  handleResume,
  handleSuspend,
} from './handlers/entitlement-actions.js';
export {
  PORTAL_ROUTES,
  runPortalRoute,
  type PortalRouteDefinition,
  type PortalRouteName,
  type PortalRouteRequest,
} from './portal-routes.js';
export {
  createMemoryNotificationStore,
  DEFAULT_HANDLED_RETENTION_MS,
  type MemoryNotificationStore,
  type MemoryNotificationStoreOptions,
  type NotificationClaim,
  type NotificationStore,
} from './notifications/notification-store.js';
export {
  validateNotification,
  type EntitlementChangeNotification,
} from './notifications/validate-notification.js';
export {
  createNotificationReceiver,
  NOTIFICATION_SIGNATURE_HEADER,
  receiveNotification,
  type NotificationContext,
  type NotificationDelivery,
  type NotificationHandler,
  type NotificationReceiverOptions,
} from './notifications/receive-notification.js';
