/**
 * An error the emulator raises to its caller (bad options, bad seed, unknown entitlement...).
 *
 * @example
 * try { await emulator.activate('nope'); } catch (e) { if (e instanceof EmulatorError) console.log(e.code); }
 */
export class EmulatorError extends Error {
  /** Stable code to `switch` on, e.g. `INVALID_OPTIONS`, `ENTITLEMENT_NOT_FOUND`. */
  readonly code: string;
  /** The HTTP status the admin API answers with (2 for CLI argument errors). */
  readonly status: number;
  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = 'EmulatorError';
    this.code = code;
    this.status = status;
  }
}

/**
 * A seed that does not have the expected shape; `issues` names every offending field.
 *
 * @example
 * try { validateSeed({}); } catch (e) { if (e instanceof SeedValidationError) console.log(e.issues); }
 */
export class SeedValidationError extends EmulatorError {
  /** Every offending field, one message each. */
  readonly issues: string[];
  constructor(issues: string[]) {
    super('INVALID_SEED', 400, `Invalid seed: ${issues.join('; ')}`);
    this.name = 'SeedValidationError';
    this.issues = issues;
  }
}
