/**
 * The spec's operationIds the emulator serves (plus the Keycloak token endpoint, `getAccessToken`).
 *
 * @example
 * const id: OperationId = 'createThirdPartyEntitlement';
 */
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

/**
 * Every operationId, in the spec's order.
 *
 * @example
 * OPERATION_IDS.includes('listEntitlements'); // true
 */
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

/**
 * An entitlement status of the spec (`EntitlementStatus`).
 *
 * @example
 * const status: EntitlementStatus = 'ACTIVE-ENDING';
 */
export type EntitlementStatus =
  | 'SUBSCRIBED'
  | 'UNSUBSCRIBED'
  | 'SUSPENDED'
  | 'PENDING'
  | 'ACTIVE'
  | 'ACTIVE-ENDING'
  | 'CANCELLED'
  | 'REVOKED';

/**
 * A Keycloak client of the seed. A client with `clientSecret` is confidential.
 *
 * @example
 * const client: SeedClient = { clientId: 'svc', clientSecret: 's3cret', serviceAccountRoles: ['operatorRole'] };
 */
export interface SeedClient {
  clientId: string;
  clientSecret?: string;
  /** Realm roles of the client's service account (client_credentials grant). */
  serviceAccountRoles?: string[];
}

/**
 * A Keycloak user of the seed (password grant through `clientId`).
 *
 * @example
 * const user: SeedUser = { username: 'op', password: 'pw', clientId: 'crm_client', roles: ['operatorRole'] };
 */
export interface SeedUser {
  username: string;
  password: string;
  clientId: string;
  roles: string[];
}

/**
 * A product of a tenant. Only `THIRDPARTY` products can be purchased through the emulator.
 *
 * @example
 * const product: SeedProduct = { id: 'Netflix_EU_B_BUNDLE_BASIC', name: 'Netflix Basic', type: 'THIRDPARTY' };
 */
export interface SeedProduct {
  id: string;
  name: string;
  type: string;
}

/**
 * An OPF tenant with its accounts and products.
 *
 * @example
 * const tenant: SeedTenant = { id: 'tenant1', accounts: ['account-alice'], products: [] };
 */
export interface SeedTenant {
  id: string;
  accounts: string[];
  products: SeedProduct[];
}

/**
 * What the emulator knows at start: realm, Keycloak clients and users, tenants.
 *
 * @example
 * const seed: Seed = { ...defaultSeed, notificationUrl: 'http://127.0.0.1:3000/opf/notifications' };
 */
export interface Seed {
  realm: string;
  clients: SeedClient[];
  users: SeedUser[];
  tenants: SeedTenant[];
  /** Where entitlement change notifications go (webhook `entitlementChanged`). */
  notificationUrl?: string;
}

/**
 * One injected fault; see the README's "Faults" section.
 *
 * @example
 * const rule: FaultRule = { status: 503, retryAfterSec: 2, times: 1 };
 */
export interface FaultRule {
  /** Delay before answering. */
  latencyMs?: number;
  /** Answer this status (e.g. 503) instead of handling the request. */
  status?: number;
  /** With `status`: send `Retry-After` with this many seconds. */
  retryAfterSec?: number;
  /**
   * With `status`: the answer's body. `'json'` (default): OPF's error body. `'text'`: plain text as SSP's front
   * end answers (`no healthy upstream` for 503).
   */
  body?: 'json' | 'text';
  /** Destroy the socket before handling, or after the change is stored. */
  reset?: 'before-commit' | 'after-commit';
  /** Apply to the next N matching requests only (default: all). */
  times?: number;
  /** 0..1, default 1. */
  probability?: number;
}

/**
 * Faults by operationId (`getAccessToken` = token endpoint outage).
 *
 * @example
 * const faults: Faults = { createThirdPartyEntitlement: { reset: 'after-commit', times: 1 } };
 */
export type Faults = Partial<Record<OperationId, FaultRule>>;

/**
 * An OPF documentation edition whose answers the emulator gives (decision 2 of openapi/README.md).
 * `'scp-25.12'` (default): the self-care-portal edition, the spec's main answers (purchase 201 `{_id}`, actions
 * 200). `'crm-25.26'`: the CRM edition's tolerated variants (purchase 202 with the activation URL; resume and
 * changeProduct 202 `ActionAccepted`).
 *
 * @example
 * const edition: Edition = 'crm-25.26';
 */
export type Edition = 'scp-25.12' | 'crm-25.26';

/**
 * Every edition the emulator can answer as, default first.
 *
 * @example
 * EDITIONS.includes('crm-25.26'); // true
 */
export const EDITIONS: readonly Edition[] = ['scp-25.12', 'crm-25.26'];

/**
 * Options of `startEmulator`.
 *
 * @example
 * const options: EmulatorOptions = { port: 0, autoActivateMs: 500, duplicateIdPolicy: 'replay' };
 */
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
  /** Which documentation edition's answers to give (default `'scp-25.12'`). */
  edition?: Edition;
  faults?: Faults;
}

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
  body: EntitlementChangeNotification;
}

/**
 * One request the emulator answered (or reset). `status` is 0 when the connection was reset.
 *
 * @example
 * const mine = emulator.getState().requests.filter((r: RequestLogEntry) => r.correlationId === 'corr-1');
 */
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

/**
 * Everything the emulator holds, for inspection.
 *
 * @example
 * const { entitlements, deliveries, requests }: EmulatorState = emulator.getState();
 */
export interface EmulatorState {
  entitlements: StoredEntitlement[];
  deliveries: Delivery[];
  requests: RequestLogEntry[];
}

/**
 * A running emulator (see the README for each member).
 *
 * @example
 * const emulator: Emulator = await startEmulator();
 * await emulator.close();
 */
export interface Emulator {
  url: string;
  tokenUrl: string;
  realm: string;
  seed: Seed;
  setFaults(faults: Faults): void;
  clearFaults(): void;
  setNotificationUrl(url: string | undefined): void;
  /** Answers as `edition` from now on (until `reset()`, which restores the `edition` option). */
  setEdition(edition: Edition): void;
  activate(entitlementId: string): Promise<void>;
  revokeTokens(): void;
  getState(): EmulatorState;
  reset(): void;
  close(): Promise<void>;
}
