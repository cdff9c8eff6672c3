import { randomBytes } from 'node:crypto';
import { EmulatorError } from '../errors.js';
import type { EntitlementStatus } from '../gateway/spec-constants.js';
import type { ChangeNotifier } from '../notifications/change-notifier.js';
import type { EntitlementRecord, EntitlementStore } from './entitlement-store.js';

/** A Bango activation URL and when it expires (epoch milliseconds). */
export interface Activation {
  url: string;
  expiresAt: number;
}

/** The reasons recorded with a status change (`undefined` keeps the current one). */
export interface StatusReasons {
  reasonCode?: string | undefined;
  reasonCategory?: string | undefined;
}

/** What the entitlement service needs. */
export interface EntitlementServiceOptions {
  store: EntitlementStore;
  notifier: ChangeNotifier;
  /** Read on every use, so the settings may change while the emulator runs. */
  settings: { activationUrlTtlSec: number; autoActivateMs: number | undefined };
  /** The Bango activation URL of an activation token. */
  activationUrl(token: string): string;
}

/**
 * Owns every change of an entitlement: creation, status transitions, product change, deletion, Bango
 * activation (URLs, auto-activation, completion), each followed by its notification. Checks of whether a
 * change is allowed are the caller's (see `lifecycle.ts`).
 *
 * @example
 * const entitlements = new EntitlementService({ store, notifier, settings, activationUrl });
 * entitlements.create(record, correlationId);
 */
export class EntitlementService {
  constructor(private readonly options: EntitlementServiceOptions) {}

  /** Stores a new PENDING entitlement, gives it an activation URL and notifies its creation. */
  create(record: EntitlementRecord, correlationId: string | undefined): void {
    this.options.store.add(record);
    this.issueActivation(record);
    this.options.notifier.notify(record, {}, correlationId);
  }

  /** Moves an entitlement to `status` (recording reasons) and notifies the change. */
  changeStatus(
    record: EntitlementRecord,
    status: EntitlementStatus,
    reasons: StatusReasons,
    correlationId: string | undefined,
  ): void {
    const previousStatus = record.status;
    this.options.store.setStatus(record, status);
    if (reasons.reasonCode !== undefined) record.reasonCode = reasons.reasonCode;
    if (reasons.reasonCategory !== undefined) record.reasonCategory = reasons.reasonCategory;
    if (status !== 'PENDING') {
      delete record.activationToken;
      delete record.activationExpiresAt;
      if (record.autoActivateTimer) clearTimeout(record.autoActivateTimer);
      delete record.autoActivateTimer;
    }
    this.options.notifier.notify(record, { previousStatus }, correlationId);
  }

  /** Moves an entitlement to another product and notifies the change. */
  changeProduct(record: EntitlementRecord, productId: string, correlationId: string | undefined): void {
    const previousProductId = record.productId;
    record.productId = productId;
    record.modified = new Date().toISOString();
    this.options.notifier.notify(record, { previousStatus: record.status, previousProductId }, correlationId);
  }

  /** Deletes an entitlement and notifies the deletion. */
  remove(record: EntitlementRecord, correlationId: string | undefined): void {
    this.options.store.remove(record.tenantId, record._id);
    this.options.notifier.notify(record, { previousStatus: record.status, deleted: true }, correlationId);
  }

  /** Gives a PENDING entitlement a fresh activation URL (and, with `autoActivateMs`, schedules activation). */
  issueActivation(record: EntitlementRecord): Activation {
    const { settings, store } = this.options;
    record.activationToken = randomBytes(18).toString('base64url');
    record.activationExpiresAt = Date.now() + settings.activationUrlTtlSec * 1000;
    if (settings.autoActivateMs !== undefined && !record.autoActivateTimer) {
      const timer = setTimeout(() => {
        delete record.autoActivateTimer;
        if (record.status === 'PENDING' && store.get(record.tenantId, record._id) === record)
          this.completeActivation(record);
      }, settings.autoActivateMs);
      timer.unref();
      record.autoActivateTimer = timer;
    }
    return { url: this.options.activationUrl(record.activationToken), expiresAt: record.activationExpiresAt };
  }

  /** The current activation URL of a PENDING entitlement, or a fresh one if none is valid. */
  currentActivation(record: EntitlementRecord): Activation {
    if (
      record.activationToken !== undefined &&
      record.activationExpiresAt !== undefined &&
      record.activationExpiresAt > Date.now()
    ) {
      return {
        url: this.options.activationUrl(record.activationToken),
        expiresAt: record.activationExpiresAt,
      };
    }
    return this.issueActivation(record);
  }

  /** PENDING → ACTIVE (the user completed activation with the third party). */
  completeActivation(record: EntitlementRecord, correlationId?: string): void {
    if (record.autoActivateTimer) clearTimeout(record.autoActivateTimer);
    delete record.autoActivateTimer;
    delete record.activationToken;
    delete record.activationExpiresAt;
    this.options.store.setStatus(record, 'ACTIVE');
    this.options.notifier.notify(record, { previousStatus: 'PENDING' }, correlationId);
  }

  /** Completes the activation of the PENDING entitlement `entitlementId` of any tenant (admin API). */
  activate(entitlementId: string): void {
    const record = this.options.store.find(entitlementId);
    if (!record)
      throw new EmulatorError('ENTITLEMENT_NOT_FOUND', 404, `Entitlement ${entitlementId} does not exist`);
    if (record.status !== 'PENDING') {
      throw new EmulatorError(
        'NOT_PENDING',
        400,
        `Entitlement ${entitlementId} is ${record.status}, not PENDING`,
      );
    }
    this.completeActivation(record);
  }

  /** Forgets every entitlement (and cancels pending auto-activations) and every notification sequence. */
  reset(): void {
    this.options.store.clear();
    this.options.notifier.reset();
  }
}
