import type { CrmGatewayClientOptions } from '@crm-gateway/client';
import type { EntitlementChangeNotification, NotificationContext } from '@crm-gateway/portal';
import type { CatalogueProduct } from './page.js';
import { LiveUpdates } from './live-updates.js';
import { SessionStore } from './sessions.js';

/** Everything a demo portal (Express or Hono) is built from. */
export interface PortalConfig {
  framework: 'express' | 'hono';
  /** How the portal's backend reaches OPF (here: the emulator). */
  gateway: CrmGatewayClientOptions;
  /** The secret OPF signs its notifications with. */
  notificationSecret: string;
  catalogue: readonly CatalogueProduct[];
  sessions: SessionStore;
  live: LiveUpdates;
  /** One line per step, with its correlation id. */
  log: (line: string) => void;
}

/**
 * The portal's reaction to OPF's entitlement notifications: push the change to the user's open pages.
 * It runs before the portal answers OPF 200, so a failure here makes OPF deliver again.
 *
 * @example
 * notificationReceiver({ secret, onNotification: onEntitlementChanged(config) });
 */
export function onEntitlementChanged(config: PortalConfig) {
  return (notification: EntitlementChangeNotification, context: NotificationContext): void => {
    config.log(
      `OPF notified ${notification.entitlementId}: ${notification.previousStatus ?? '-'} -> ${notification.status} ` +
        `(event ${context.eventId}) cid=${context.correlationId}`,
    );
    config.live.publish(notification.accountId, {
      entitlementId: notification.entitlementId,
      productId: notification.productId,
      status: notification.status,
      ...(notification.previousStatus ? { previousStatus: notification.previousStatus } : {}),
      eventId: context.eventId,
      correlationId: context.correlationId,
    });
  };
}

/**
 * Creates the per-portal state with the given settings.
 *
 * @example
 * const config = createPortalConfig({ framework: 'hono', gateway, notificationSecret, catalogue, log: console.log });
 */
export function createPortalConfig(settings: Omit<PortalConfig, 'sessions' | 'live'>): PortalConfig {
  return { ...settings, sessions: new SessionStore(), live: new LiveUpdates() };
}
