/**
 * @module @crm-gateway/hono-plugin
 * Hono adapter of `@crm-gateway/client` (Node, Bun, Workers): a per-request client, the portal routes and the
 * receiver of OPF's entitlement notifications. All behaviour lives in the client's portal core; this package
 * adapts it. Web-standard APIs only.
 */
export {
  crmGateway,
  getCrmGateway,
  type CrmGatewayEnv,
  type CrmGatewayVariables,
  type HonoCrmGatewayOptions,
  type Variables,
} from './middleware.js';
export {
  activationLinkRoute,
  cancelRoute,
  crmGatewayRoutes,
  listEntitlementsRoute,
  purchaseRoute,
  resumeRoute,
  suspendRoute,
  type HonoPortalRouteOptions,
  type PortalRouteHandler,
} from './routes.js';
export { notificationReceiver, type HonoNotificationReceiverOptions } from './notification-receiver.js';
export { MissingCrmGatewayMiddlewareError, PayloadTooLargeError } from './errors.js';
export { createMemoryNotificationStore } from '@crm-gateway/client';
export type {
  CrmGatewayClient,
  EntitlementChangeNotification,
  NotificationContext,
  NotificationHandler,
  NotificationStore,
  PortalErrorBody,
  PortalErrorCode,
} from '@crm-gateway/client';
