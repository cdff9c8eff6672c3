import { randomUUID } from 'node:crypto';
import type { EntitlementRecord } from '../entitlements/entitlement-store.js';
import { THIRD_PARTY_PRODUCT_TYPE, type EntitlementStatus } from '../gateway/spec-constants.js';
import type { NotificationDeliverer } from './deliverer.js';

/** What changed, for the notification of a change. */
export interface ChangeInfo {
  previousStatus?: EntitlementStatus;
  previousProductId?: string;
  deleted?: boolean;
}

/**
 * Turns entitlement changes into `EntitlementChangeNotification`s (numbered per entitlement from 1) and queues
 * them on the deliverer.
 *
 * @example
 * const notifier = new ChangeNotifier(deliverer);
 * notifier.notify(record, { previousStatus: 'PENDING' }, correlationId);
 */
export class ChangeNotifier {
  private readonly sequences = new Map<string, number>();

  constructor(private readonly deliverer: NotificationDeliverer) {}

  /** Queues the notification of a change of `record` (its state after the change). */
  notify(record: EntitlementRecord, change: ChangeInfo, correlationId?: string): void {
    const key = `${record.tenantId}\u0000${record._id}`;
    const sequence = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, sequence);
    this.deliverer.enqueue(
      {
        eventId: randomUUID(),
        tenantId: record.tenantId,
        entitlementId: record._id,
        accountId: record.accountId,
        productId: record.productId,
        ...(change.previousProductId !== undefined ? { previousProductId: change.previousProductId } : {}),
        productType: THIRD_PARTY_PRODUCT_TYPE,
        status: record.status,
        ...(change.previousStatus !== undefined ? { previousStatus: change.previousStatus } : {}),
        ...(record.reasonCategory !== undefined ? { reasonCategory: record.reasonCategory } : {}),
        ...(record.reasonCode !== undefined ? { reasonCode: record.reasonCode } : {}),
        ...(change.deleted ? { deleted: true } : {}),
        occurredAt: new Date().toISOString(),
        sequence,
      },
      correlationId,
    );
  }

  /** Forgets every sequence number (the next change of any entitlement is number 1 again). */
  reset(): void {
    this.sequences.clear();
  }
}
