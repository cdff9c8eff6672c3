import type { HttpBindings } from '@hono/node-server';
import type { NotificationDeliverer } from './notifications/deliverer.js';
import type { FaultController } from './faults/faults.js';
import type { EntitlementService } from './entitlements/entitlement-service.js';
import type { EntitlementStore } from './entitlements/entitlement-store.js';
import type { TokenIssuer } from './keycloak/token-issuer.js';
import type { SigningKeys } from './keycloak/keys.js';
import type { RequestLog } from './request-log.js';
import type { Edition } from './edition.js';
import type { DuplicateFlag } from './emulator-types.js';
import type { Seed } from './seed/seed-types.js';

/** Settings resolved from the options, with defaults applied. */
export interface EmulatorSettings {
  accessTokenLifetimeSec: number;
  refreshTokenLifetimeSec: number;
  activationUrlTtlSec: number;
  autoActivateMs: number | undefined;
  duplicateIdPolicy: 'replay' | 'reject';
  /** What `prohibitDuplicateProductPurchase=true` means (decision 1, unconfirmed). */
  duplicateFlag: DuplicateFlag;
  /** The edition answered now (changed by `setEdition`, restored by `reset`). */
  edition: Edition;
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
  /** Every change of an entitlement goes through here (transitions, activation, notification). */
  entitlements: EntitlementService;
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
