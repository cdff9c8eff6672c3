/**
 * @module @crm-gateway/hono-plugin
 * Hono adapter of `@crm-gateway/portal` (Node, Bun, Workers): a per-request client, the portal routes and the
 * receiver of OPF's entitlement notifications. All request logic lives in the portal core; this package adapts
 * it. Web-standard APIs only.
 */
export {
  crmGateway,
  getCrmGateway,
  type CrmGatewayEnv,
  type CrmGatewayVariables,
  type HonoCrmGatewayOptions,
} from './middleware.js';
export {
  activationLinkRoute,
  cancelRoute,
  crmGatewayRouter,
  listEntitlementsRoute,
  notificationReceiver,
  purchaseRoute,
  resumeRoute,
  suspendRoute,
  type HonoNotificationReceiverOptions,
  type HonoPortalRouteOptions,
} from './adapter.js';
export {
  createMemoryNotificationStore,
  MissingCrmGatewayMiddlewareError,
  PayloadTooLargeError,
  type EntitlementChangeNotification,
  type NotificationContext,
  type NotificationHandler,
  type NotificationStore,
  type PortalErrorBody,
  type PortalErrorCode,
} from '@crm-gateway/portal';
export type { CrmGatewayClient } from '@crm-gateway/client';
