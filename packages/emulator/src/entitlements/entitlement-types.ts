import type { EntitlementStatus } from '../gateway/spec-constants.js';

/**
 * An entitlement as the emulator stores it (what `getState()` shows).
 *
 * @example
 * const pending = emulator.getState().entitlements.filter((e: StoredEntitlement) => e.status === 'PENDING');
 */
export interface StoredEntitlement {
  tenantId: string;
  _id: string;
  accountId: string;
  productId: string;
  productType: string;
  status: EntitlementStatus;
  reasonCode?: string;
  reasonCategory?: string;
  validFrom?: string;
  expiryDate?: string;
  created: string;
  modified: string;
  /** The current Bango activation URL of a PENDING entitlement. */
  activationUrl?: string;
  activationUrlExpiry?: string;
}
