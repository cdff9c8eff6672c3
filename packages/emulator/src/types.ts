/** The spec's operationIds the emulator serves (plus the Keycloak token endpoint, `getAccessToken`). */
export type OperationId =
  | 'createThirdPartyEntitlement'
  | 'listEntitlements'
  | 'updateEntitlementStatus'
  | 'deleteEntitlement'
  | 'deleteAccountEntitlements'
  | 'getActivationInfo'
  | 'suspendEntitlement'
  | 'resumeEntitlement'
  | 'cancelEntitlement'
  | 'revokeEntitlement'
  | 'recoverEntitlement'
  | 'changeEntitlementProduct'
  | 'getAccessToken';

/** Every operationId, in the spec's order. */
export const OPERATION_IDS: readonly OperationId[] = [
  'createThirdPartyEntitlement',
  'listEntitlements',
  'updateEntitlementStatus',
  'deleteEntitlement',
  'deleteAccountEntitlements',
  'getActivationInfo',
  'suspendEntitlement',
  'resumeEntitlement',
  'cancelEntitlement',
  'revokeEntitlement',
  'recoverEntitlement',
  'changeEntitlementProduct',
  'getAccessToken',
];

/** An entitlement status of the spec (`EntitlementStatus`). */
export type EntitlementStatus =
  | 'SUBSCRIBED'
  | 'UNSUBSCRIBED'
  | 'SUSPENDED'
  | 'PENDING'
  | 'ACTIVE'
  | 'ACTIVE-ENDING'
  | 'CANCELLED'
  | 'REVOKED';

/** A Keycloak client of the seed. A client with `clientSecret` is confidential. */
export interface SeedClient {
  clientId: string;
  clientSecret?: string;
  /** Realm roles of the client's service account (client_credentials grant). */
  serviceAccountRoles?: string[];
}

/** A Keycloak user of the seed (password grant through `clientId`). */
export interface SeedUser {
  username: string;
  password: string;
  clientId: string;
  roles: string[];
}

/** A product of a tenant. Only `THIRDPARTY` products can be purchased through the emulator. */
export interface SeedProduct {
  id: string;
  name: string;
  type: string;
}

/** An OPF tenant with its accounts and products. */
export interface SeedTenant {
  id: string;
  accounts: string[];
  products: SeedProduct[];
}

/** What the emulator knows at start: realm, Keycloak clients and users, tenants. */
export interface Seed {
  realm: string;
  clients: SeedClient[];
  users: SeedUser[];
  tenants: SeedTenant[];
  /** Where entitlement change notifications go (webhook `entitlementChanged`). */
  notificationUrl?: string;
}

/** One injected fault; see the README's "Faults" section. */
export interface FaultRule {
  /** Delay before answering. */
  latencyMs?: number;
  /** Answer this status (e.g. 503) instead of handling the request. */
  status?: number;
  /** With `status`: send `Retry-After` with this many seconds. */
  retryAfterSec?: number;
  /** Destroy the socket before handling, or after the change is stored. */
  reset?: 'before-commit' | 'after-commit';
  /** Apply to the next N matching requests only (default: all). */
  times?: number;
  /** 0..1, default 1. */
  probability?: number;
}

/** Faults by operationId (`getAccessToken` = token endpoint outage). */
export type Faults = Partial<Record<OperationId, FaultRule>>;

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  port?: number;
  host?: string;
  seed?: Seed;
  accessTokenLifetimeSec?: number;
  refreshTokenLifetimeSec?: number;
  activationUrlTtlSec?: number;
  autoActivateMs?: number;
  notificationSecret?: string;
  notificationRetry?: { initialDelayMs?: number; maxDelayMs?: number; maxAttempts?: number };
  duplicateIdPolicy?: 'replay' | 'reject';
  faults?: Faults;
}

/** An entitlement as the emulator stores it (what `getState()` shows). */
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

/** The webhook body (`EntitlementChangeNotification` of the spec). */
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

/** One notification and its delivery progress. */
export interface Delivery {
  eventId: string;
  entitlementId: string;
  sequence: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus?: number;
  /** Why the last attempt failed when there was no HTTP answer. */
  lastError?: string;
  body: EntitlementChangeNotification;
}

/** One request the emulator answered (or reset). `status` is 0 when the connection was reset. */
export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  operationId: string | undefined;
  status: number;
  correlationId: string | undefined;
  tenantId: string | undefined;
  /** The fault applied, if any. */
  fault?: string;
}

/** Everything the emulator holds, for inspection. */
export interface EmulatorState {
  entitlements: StoredEntitlement[];
  deliveries: Delivery[];
  requests: RequestLogEntry[];
}

/** A running emulator. */
export interface Emulator {
  url: string;
  tokenUrl: string;
  realm: string;
  seed: Seed;
  setFaults(faults: Faults): void;
  clearFaults(): void;
  setNotificationUrl(url: string | undefined): void;
  activate(entitlementId: string): Promise<void>;
  revokeTokens(): void;
  getState(): EmulatorState;
  reset(): void;
  close(): Promise<void>;
}
