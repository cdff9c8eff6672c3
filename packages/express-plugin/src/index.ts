/**
 * @module @crm-gateway/express-plugin
 * Express 5 adapter of `@crm-gateway/client`: a per-request client, the portal routes and the receiver of
 * OPF's entitlement notifications. All behaviour lives in the client's portal core; this package adapts it.
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
  purchaseRoute,
  resumeRoute,
  suspendRoute,
  type ExpressPortalRouteOptions,
} from './routes.js';
export { notificationReceiver, type ExpressNotificationReceiverOptions } from './notification-receiver.js';
export { MissingCrmGatewayMiddlewareError, PayloadTooLargeError, RawBodyUnavailableError } from './errors.js';
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
