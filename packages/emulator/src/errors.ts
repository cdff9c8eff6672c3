/**
 * An error the emulator raises to its caller (bad options, bad seed, unknown entitlement...).
 *
 * @example
 * try { await emulator.activate('nope'); } catch (e) { if (e instanceof EmulatorError) console.log(e.code); }
 */
export class EmulatorError extends Error {
  readonly code: string;
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
  readonly issues: string[];
  constructor(issues: string[]) {
    super('INVALID_SEED', 400, `Invalid seed: ${issues.join('; ')}`);
    this.name = 'SeedValidationError';
    this.issues = issues;
  }
}
