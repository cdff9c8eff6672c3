import type { HttpBindings } from '@hono/node-server';
import type { NotificationDeliverer } from './notifications/deliverer.js';
import type { FaultController } from './faults/faults.js';
import type { EntitlementStore, EntitlementRecord } from './gateway/store.js';
import type { TokenIssuer } from './keycloak/token-issuer.js';
import type { SigningKeys } from './keycloak/keys.js';
import type { RequestLog } from './request-log.js';
import type { Edition } from './edition.js';
import type { EntitlementStatus } from './gateway/spec-constants.js';
import type { Seed } from './seed/seed-types.js';

/** Settings resolved from the options, with defaults applied. */
export interface EmulatorSettings {
  accessTokenLifetimeSec: number;
  refreshTokenLifetimeSec: number;
  activationUrlTtlSec: number;
  autoActivateMs: number | undefined;
  duplicateIdPolicy: 'replay' | 'reject';
  /** The edition answered now (changed by `setEdition`, restored by `reset`). */
  edition: Edition;
}

/** What changed, for the notification of a change. */
export interface ChangeInfo {
  previousStatus?: EntitlementStatus;
  previousProductId?: string;
  deleted?: boolean;
}

/** Everything the routes share. */
export interface EmulatorContext {
  seed: Seed;
  realm: string;
  baseUrl(): string;
  settings: EmulatorSettings;
  keys: SigningKeys;
  issuer: TokenIssuer;
  store: EntitlementStore;
  faults: FaultController;
  log: RequestLog;
  deliverer: NotificationDeliverer;
  /** Records a change and queues its notification. */
  notifyChange(record: EntitlementRecord, change: ChangeInfo, correlationId?: string): void;
  /** The Bango activation URL of an activation token. */
  activationUrl(token: string): string;
  /** Gives a PENDING entitlement a fresh activation URL (and, with `autoActivateMs`, schedules activation). */
  issueActivation(record: EntitlementRecord): { url: string; expiresAt: number };
  /** PENDING → ACTIVE (the user completed activation with the third party). */
  completeActivation(record: EntitlementRecord, correlationId?: string): void;
}

/** Hono environment of the emulator's app. */
export interface AppEnv {
  Bindings: HttpBindings;
  Variables: {
    operationId?: string;
    tenantId?: string;
    correlationId?: string;
    fault?: string;
  };
}
