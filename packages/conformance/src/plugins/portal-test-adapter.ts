/**
 * Test-only contract between the shared portal scenarios and one framework plugin (not part of the client's
 * public entry). Each plugin's test file implements {@link PortalTestAdapter} to start a real server.
 * @internal
 */

/** Client options the scenarios give each app (the tenant is chosen per request by {@link PortalTestApp.tenantFrom}). */
export interface PortalTestClientOptions {
  baseUrl: string;
  auth: { tokenUrl: string; clientId: string; username: string; password: string };
  timeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
}

/** A notification as the scenarios record it (structural: the adapters pass the plugin's own type). */
export interface RecordedNotification {
  eventId: string;
  entitlementId: string;
  accountId: string;
  status: string;
}

/**
 * What an adapter must wire, identically in each framework:
 * - `crmGateway({ ...client, tenantId: (req) => tenantFrom(header 'x-test-tenant') })` on the whole app;
 * - the plugin's lifecycle router at `/api`, with `resolveAccountId: (req) => accountFrom(header 'x-test-account')`;
 * - the plugin's notification receiver at `POST /opf/notifications` with `secret` and `onNotification`.
 */
export interface PortalTestApp {
  client: PortalTestClientOptions;
  /** Stands in for the portal's session: throws without the header. */
  accountFrom(header: string | null | undefined): string;
  tenantFrom(header: string | null | undefined): string;
  notificationSecret: string;
  /** The routes' `prohibitDuplicateProductPurchase` (the plugins' default when absent). */
  prohibitDuplicateProductPurchase?: boolean;
  onNotification(
    notification: RecordedNotification,
    context: { correlationId: string; eventId: string },
  ): Promise<void>;
}

/** A started test server. */
export interface PortalTestServer {
  url: string;
  close(): Promise<void>;
}

/** One framework plugin under test. */
export interface PortalTestAdapter {
  name: string;
  start(app: PortalTestApp): Promise<PortalTestServer>;
}
