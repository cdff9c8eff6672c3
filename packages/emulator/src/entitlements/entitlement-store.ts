import type { StoredEntitlement } from './entitlement-types.js';
import type { EntitlementStatus } from '../gateway/spec-constants.js';

/** An entitlement with the emulator's private bookkeeping. */
export interface EntitlementRecord extends StoredEntitlement {
  /** Canonical JSON of the purchase body, to tell a replay from a different request with the same `_id`. */
  purchaseFingerprint: string;
  activationToken?: string;
  activationExpiresAt?: number;
  autoActivateTimer?: NodeJS.Timeout;
}

/**
 * Canonical JSON (sorted keys) of a value, so two equal bodies compare equal whatever their key order.
 *
 * @example
 * canonicalJson({ b: 1, a: 2 }) === canonicalJson({ a: 2, b: 1 }); // true
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The in-memory entitlements of every tenant, in creation order.
 *
 * @example
 * const store = new EntitlementStore(); store.get('tenant1', 'abc1234');
 */
export class EntitlementStore {
  private readonly byTenant = new Map<string, Map<string, EntitlementRecord>>();

  private tenant(tenantId: string): Map<string, EntitlementRecord> {
    let map = this.byTenant.get(tenantId);
    if (!map) this.byTenant.set(tenantId, (map = new Map()));
    return map;
  }

  /** The entitlement `id` of a tenant. */
  get(tenantId: string, id: string): EntitlementRecord | undefined {
    return this.byTenant.get(tenantId)?.get(id);
  }

  /** Finds an entitlement by id in any tenant (ids are unique enough for the admin API and Bango). */
  find(id: string): EntitlementRecord | undefined {
    for (const map of this.byTenant.values()) {
      const record = map.get(id);
      if (record) return record;
    }
    return undefined;
  }

  /** The entitlement whose current activation token is `token`, in any tenant. */
  findByActivationToken(token: string): EntitlementRecord | undefined {
    for (const map of this.byTenant.values()) {
      for (const record of map.values()) if (record.activationToken === token) return record;
    }
    return undefined;
  }

  /** Stores a new entitlement. */
  add(record: EntitlementRecord): void {
    this.tenant(record.tenantId).set(record._id, record);
  }

  /** Removes an entitlement (cancelling its auto-activation); returns it, if it existed. */
  remove(tenantId: string, id: string): EntitlementRecord | undefined {
    const map = this.byTenant.get(tenantId);
    const record = map?.get(id);
    if (record) {
      map?.delete(id);
      if (record.autoActivateTimer) clearTimeout(record.autoActivateTimer);
    }
    return record;
  }

  /** A tenant's entitlements, in creation order. */
  list(tenantId: string): EntitlementRecord[] {
    return [...(this.byTenant.get(tenantId)?.values() ?? [])];
  }

  /** Every tenant's entitlements. */
  all(): EntitlementRecord[] {
    return [...this.byTenant.values()].flatMap((map) => [...map.values()]);
  }

  /** Sets the status and the `modified` time (no notification: see `EntitlementService`). */
  setStatus(record: EntitlementRecord, status: EntitlementStatus): void {
    record.status = status;
    record.modified = new Date().toISOString();
  }

  /** Forgets every entitlement, cancelling pending auto-activations. */
  clear(): void {
    for (const record of this.all()) if (record.autoActivateTimer) clearTimeout(record.autoActivateTimer);
    this.byTenant.clear();
  }
}

/**
 * The public view of a record (what `getState()` shows): no private bookkeeping.
 *
 * @example
 * emulatorState.entitlements = store.all().map(toStoredEntitlement);
 */
export function toStoredEntitlement(
  record: EntitlementRecord,
  activationUrl?: (token: string) => string,
): StoredEntitlement {
  const {
    purchaseFingerprint: _f,
    activationToken,
    activationExpiresAt,
    autoActivateTimer: _t,
    ...rest
  } = record;
  const out: StoredEntitlement = { ...rest };
  if (activationToken && activationExpiresAt !== undefined && activationUrl) {
    out.activationUrl = activationUrl(activationToken);
    out.activationUrlExpiry = new Date(activationExpiresAt).toISOString();
  }
  return out;
}

/**
 * The spec's `Entitlement` shape of a record (list answers).
 *
 * @example
 * const entitlement = toApiEntitlement(record); // { _id, productId, accountId, productType, status, created, modified }
 */
export function toApiEntitlement(record: EntitlementRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    _id: record._id,
    productId: record.productId,
    accountId: record.accountId,
    productType: record.productType,
    status: record.status,
  };
  for (const key of ['reasonCode', 'reasonCategory', 'validFrom', 'expiryDate'] as const) {
    if (record[key] !== undefined) out[key] = record[key];
  }
  out.created = record.created;
  out.modified = record.modified;
  return out;
}
