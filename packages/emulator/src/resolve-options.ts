import type { EmulatorSettings } from './context.js';
import { editionProblem, isEdition } from './edition.js';
import type { EmulatorOptions } from './emulator-types.js';
import { EmulatorError } from './errors.js';
import { validateFaults } from './faults/faults.js';
import { DEFAULT_RETRY, type RetryPolicy } from './notifications/deliverer.js';
import { defaultSeed } from './seed/default-seed.js';
import type { Seed } from './seed/seed-types.js';
import { validateSeed } from './seed/validate-seed.js';

/** `startEmulator`'s options once checked, with defaults applied. */
export interface ResolvedOptions {
  seed: Seed;
  settings: EmulatorSettings;
  host: string;
  port: number;
  /** How long a client may take to send its headers, in ms (then the connection is closed). */
  headersTimeoutMs: number;
  retry: RetryPolicy & { duplicates: number };
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new EmulatorError(
      'INVALID_OPTIONS',
      400,
      `options.${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`,
    );
  }
  return value;
}

function invalid(message: string): EmulatorError {
  return new EmulatorError('INVALID_OPTIONS', 400, message);
}

function resolveSettings(options: EmulatorOptions): EmulatorSettings {
  if (options.duplicateIdPolicy !== undefined && !['replay', 'reject'].includes(options.duplicateIdPolicy)) {
    throw invalid('options.duplicateIdPolicy must be "replay" or "reject"');
  }
  if (options.duplicateFlag !== undefined && !['prohibits', 'allows'].includes(options.duplicateFlag)) {
    throw invalid('options.duplicateFlag must be "prohibits" or "allows"');
  }
  if (options.edition !== undefined && !isEdition(options.edition)) {
    throw invalid(editionProblem('options.edition'));
  }
  return {
    accessTokenLifetimeSec: positive('accessTokenLifetimeSec', options.accessTokenLifetimeSec, 300),
    refreshTokenLifetimeSec: positive('refreshTokenLifetimeSec', options.refreshTokenLifetimeSec, 1800),
    activationUrlTtlSec: positive('activationUrlTtlSec', options.activationUrlTtlSec, 900),
    autoActivateMs:
      options.autoActivateMs === undefined
        ? undefined
        : positive('autoActivateMs', options.autoActivateMs, 0, true),
    duplicateIdPolicy: options.duplicateIdPolicy ?? 'replay',
    duplicateFlag: options.duplicateFlag ?? 'prohibits',
    edition: options.edition ?? 'scp-25.12',
  };
}

function resolveRetry(options: EmulatorOptions): RetryPolicy & { duplicates: number } {
  const duplicates = options.notificationDuplicates ?? 0;
  if (typeof duplicates !== 'number' || !(duplicates >= 0 && duplicates <= 1)) {
    throw invalid('options.notificationDuplicates must be a number from 0 to 1');
  }
  const retry = { ...DEFAULT_RETRY, ...options.notificationRetry, duplicates };
  positive('notificationRetry.initialDelayMs', retry.initialDelayMs, 1);
  positive('notificationRetry.maxDelayMs', retry.maxDelayMs, 1);
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) {
    throw invalid('options.notificationRetry.maxAttempts must be a positive integer');
  }
  return retry;
}

/**
 * Checks `startEmulator`'s options and applies the defaults; throws `EmulatorError` (`INVALID_OPTIONS`, or
 * `SeedValidationError`) naming the first offending option.
 *
 * @example
 * const { seed, settings, host, port, retry } = resolveOptions({ port: 0 });
 */
export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const seed = validateSeed(structuredClone(options.seed ?? defaultSeed));
  const settings = resolveSettings(options);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalid('options.port must be an integer from 0 to 65535');
  }
  if (options.faults) {
    const issues = validateFaults(options.faults);
    if (issues.length > 0) throw invalid(`Invalid faults: ${issues.join('; ')}`);
  }
  const headersTimeoutMs = positive('headersTimeoutMs', options.headersTimeoutMs, 10_000);
  return { seed, settings, host, port, headersTimeoutMs, retry: resolveRetry(options) };
}
