export { startEmulator } from './start-emulator.js';
export { DEFAULT_NOTIFICATION_SECRET, signNotification } from './notifications/sign.js';
export { defaultSeed } from './seed/default-seed.js';
export { validateSeed } from './seed/validate-seed.js';
export { EmulatorError, SeedValidationError } from './errors.js';
export { EDITIONS } from './edition.js';
export { OPERATION_IDS } from './gateway/spec-constants.js';
export type {
  Delivery,
  DuplicateFlag,
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
