// The emulator's public types, gathered from the modules that own them.
export type { Edition } from './edition.js';
export type { DuplicateFlag, Emulator, EmulatorOptions, EmulatorState } from './emulator-types.js';
export type { StoredEntitlement } from './entitlements/entitlement-types.js';
export type { FaultRule, Faults } from './faults/fault-types.js';
export type { EntitlementStatus, OperationId } from './gateway/spec-constants.js';
export type { Delivery, EntitlementChangeNotification } from './notifications/notification-types.js';
export type { RequestLogEntry } from './request-log.js';
export type { Seed, SeedClient, SeedProduct, SeedTenant, SeedUser } from './seed/seed-types.js';
