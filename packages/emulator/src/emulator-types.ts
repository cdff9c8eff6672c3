import type { Edition } from './edition.js';
import type { Delivery } from './notifications/notification-types.js';
import type { StoredEntitlement } from './entitlements/entitlement-types.js';
import type { Faults } from './faults/fault-types.js';
import type { RequestLogEntry } from './request-log.js';
import type { Seed } from './seed/seed-types.js';

/**
 * What `prohibitDuplicateProductPurchase=true` means (see `EmulatorOptions.duplicateFlag`).
 *
 * @example
 * const flag: DuplicateFlag = 'allows';
 */
export type DuplicateFlag = 'prohibits' | 'allows';

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
  /**
   * 0..1 (default 0): the chance that a delivery attempt is sent twice at the same time, as an at-least-once
   * sender may after a failover; the copy's answer is ignored. For testing a portal fleet's de-duplication.
   */
  notificationDuplicates?: number;
  duplicateIdPolicy?: 'replay' | 'reject';
  /**
   * What `prohibitDuplicateProductPurchase=true` means, since OPF's pages disagree (decision 1 of
   * openapi/README.md): `'prohibits'` (default: `true` refuses a second live entitlement of the same product,
   * as the parameter's name says) or `'allows'` (the seed page's sentence: `true` allows duplicates, `false`,
   * the default, prevents them). Start the emulator with the meaning your OPF deployment confirms.
   */
  duplicateFlag?: DuplicateFlag;
  /** Which documentation edition's answers to give (default `'scp-25.12'`). */
  edition?: Edition;
  faults?: Faults;
  /**
   * How long a client may take to send its request headers, in ms (default 10 000); the whole request gets three
   * times that. A stalled or slow client is disconnected instead of holding a socket.
   */
  headersTimeoutMs?: number;
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
  /** Injects faults per operation id (latency, an error status, connection resets, a token outage). */
  setFaults(faults: Faults): void;
  /** Removes every injected fault. */
  clearFaults(): void;
  /** Where signed notifications go (`undefined`: nowhere). */
  setNotificationUrl(url: string | undefined): void;
  /** Answers as `edition` from now on (until `reset()`, which restores the `edition` option). */
  setEdition(edition: Edition): void;
  /** Activates a `PENDING` entitlement, as the user's visit to the Bango activation URL does. */
  activate(entitlementId: string): Promise<void>;
  /** Makes every token issued so far invalid (the gateway answers 401 until a new one is requested). */
  revokeTokens(): void;
  /** The stored entitlements, the notification deliveries and the request log. */
  getState(): EmulatorState;
  /** Back to the start: the seed's state, no faults, deliveries or request log; the start options restored. */
  reset(): void;
  /** Stops the server and pending notification deliveries. */
  close(): Promise<void>;
}
