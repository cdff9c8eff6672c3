import type { EntitlementStatus } from '../gateway/spec-constants.js';

/**
 * The webhook body (`EntitlementChangeNotification` of the spec).
 *
 * @example
 * const event = JSON.parse(rawBody) as EntitlementChangeNotification;
 */
export interface EntitlementChangeNotification {
  eventId: string;
  tenantId: string;
  entitlementId: string;
  accountId: string;
  productId: string;
  previousProductId?: string;
  productType: 'THIRDPARTY';
  status: EntitlementStatus;
  previousStatus?: EntitlementStatus;
  reasonCategory?: string;
  reasonCode?: string;
  deleted?: boolean;
  occurredAt: string;
  sequence: number;
}

/**
 * One notification and its delivery progress.
 *
 * @example
 * const failed = emulator.getState().deliveries.filter((d: Delivery) => d.status === 'failed');
 */
export interface Delivery {
  eventId: string;
  entitlementId: string;
  sequence: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus?: number;
  /** Why the last attempt failed when there was no HTTP answer. */
  lastError?: string;
  /** Duplicate copies sent with its attempts (`notificationDuplicates`). */
  copies?: number;
  body: EntitlementChangeNotification;
}
