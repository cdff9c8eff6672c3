/**
 * The one place where the portal core reaches into the rest of `@crm-gateway/client` (direct module imports,
 * never the package entry, so there is no import cycle).
 * @internal
 */
export { createCrmGatewayClient, type CrmGatewayClient } from '../client/create-client.js';
export type { CrmGatewayClientOptions } from '../client/options.js';
export { isCrmGatewayError, type CrmGatewayError } from '../errors/index.js';
export { verifyNotificationSignature } from '../notifications/verify-notification-signature.js';
export { ENTITLEMENT_STATUSES } from '../entitlements/read-body.js';
export type { components } from '../generated/schema.js';
