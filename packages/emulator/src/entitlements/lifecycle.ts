import type { EntitlementStatus } from '../gateway/spec-constants.js';

/**
 * Statuses no transition leaves.
 *
 * @example
 * TERMINAL_STATUSES.includes('REVOKED'); // true
 */
export const TERMINAL_STATUSES: readonly EntitlementStatus[] = ['CANCELLED', 'REVOKED'];

/**
 * Statuses that count as "live" for `prohibitDuplicateProductPurchase`.
 *
 * @example
 * isLive('SUSPENDED'); // true
 */
export function isLive(status: EntitlementStatus): boolean {
  return status !== 'CANCELLED' && status !== 'REVOKED' && status !== 'UNSUBSCRIBED';
  // FAILED counts as live: the merchant's access state is unknown, so the product may still be held.
}

const ALLOWED: Record<EntitlementStatus, readonly EntitlementStatus[]> = {
  PENDING: ['CANCELLED', 'REVOKED'], // PENDING -> ACTIVE only through activation (see canActivate)
  ACTIVE: ['SUSPENDED', 'ACTIVE-ENDING', 'CANCELLED', 'REVOKED'],
  SUSPENDED: ['ACTIVE', 'CANCELLED', 'REVOKED'],
  'ACTIVE-ENDING': ['ACTIVE', 'CANCELLED', 'REVOKED'],
  CANCELLED: [],
  REVOKED: [],
  SUBSCRIBED: [],
  UNSUBSCRIBED: [],
  // Bango's FAILED (merchant communication failed): only an ending is accepted (ours, decision 14).
  FAILED: ['CANCELLED', 'REVOKED'],
};

/**
 * Why `from → to` is refused for a third-party entitlement (decision 14 of openapi/README.md), or
 * `undefined` when it is allowed. Staying in the same status is allowed (a no-op).
 *
 * @example
 * transitionRefusal('ACTIVE', 'PENDING'); // 'an entitlement cannot go from ACTIVE to PENDING'
 */
export function transitionRefusal(from: EntitlementStatus, to: EntitlementStatus): string | undefined {
  if (from === to) return undefined;
  if (to === 'SUBSCRIBED' || to === 'UNSUBSCRIBED') {
    return `${to} is a regular RMG status and does not apply to third-party entitlements`;
  }
  if (to === 'FAILED') return 'FAILED is set by the third party (Bango), never by a request';
  if (from === 'PENDING' && to === 'ACTIVE') {
    return 'a PENDING entitlement becomes ACTIVE only when the user completes activation with the third party';
  }
  if (TERMINAL_STATUSES.includes(from)) return `${from} is a final status`;
  if (!ALLOWED[from].includes(to)) return `an entitlement cannot go from ${from} to ${to}`;
  return undefined;
}

/**
 * The status the TPES `cancel` action leads to: a soft ending (`ACTIVE-ENDING`) for an ACTIVE entitlement,
 * `CANCELLED` for one that gives no access (PENDING, SUSPENDED); `undefined` when cancel is refused.
 *
 * @example
 * cancelTarget('ACTIVE'); // 'ACTIVE-ENDING'
 */
export function cancelTarget(from: EntitlementStatus): EntitlementStatus | undefined {
  if (from === 'ACTIVE') return 'ACTIVE-ENDING';
  if (from === 'PENDING' || from === 'SUSPENDED') return 'CANCELLED';
  return undefined;
}
