/**
 * @module @crm-gateway/express-plugin
 * Express 5 adapter of `@crm-gateway/portal`: a per-request client, the portal routes and the receiver of
 * OPF's entitlement notifications. All request logic lives in the portal core; this package adapts it.
 */
export {
  CRM_GATEWAY,
  crmGateway,
  getCrmGateway,
  type CrmGatewayRequest,
  type ExpressCrmGatewayOptions,
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
  type ExpressNotificationReceiverOptions,
  type ExpressPortalRouteOptions,
} from './adapter.js';
export {
  createMemoryNotificationStore,
  MissingCrmGatewayMiddlewareError,
  PayloadTooLargeError,
  RawBodyUnavailableError,
  type EntitlementChangeNotification,
  type NotificationContext,
  type NotificationHandler,
  type NotificationStore,
  type PortalErrorBody,
  type PortalErrorCode,
} from '@crm-gateway/portal';
export type { CrmGatewayClient } from '@crm-gateway/client';
