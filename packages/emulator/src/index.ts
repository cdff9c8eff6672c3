export { startEmulator, DEFAULT_NOTIFICATION_SECRET } from './start-emulator.js';
export { defaultSeed } from './seed/default-seed.js';
export { validateSeed } from './seed/validate-seed.js';
export { signNotification } from './notifications/sign.js';
export { EmulatorError, SeedValidationError } from './errors.js';
export { EDITIONS } from './edition.js';
export { OPERATION_IDS } from './gateway/spec-constants.js';
export type {
  Delivery,
  Edition,
  Emulator,
  EmulatorOptions,
  EmulatorState,
  EntitlementChangeNotification,
  EntitlementStatus,
  FaultRule,
  Faults,
  OperationId,
  RequestLogEntry,
  Seed,
  SeedClient,
  SeedProduct,
  SeedTenant,
  SeedUser,
  StoredEntitlement,
} from './types.js';
