import { EDITIONS, type Edition } from './types.js';

/**
 * Whether `value` names an edition the emulator can answer as (see `EDITIONS`).
 *
 * @example
 * isEdition('crm-25.26'); // true
 * isEdition('crm-25.12'); // false
 */
export function isEdition(value: unknown): value is Edition {
  return typeof value === 'string' && (EDITIONS as readonly string[]).includes(value);
}

/**
 * The message naming `field` when it is not an edition, e.g. `options.edition must be one of "scp-25.12", "crm-25.26"`.
 *
 * @example
 * throw new EmulatorError('INVALID_OPTIONS', 400, editionProblem('options.edition'));
 */
export function editionProblem(field: string): string {
  return `${field} must be one of ${EDITIONS.map((edition) => JSON.stringify(edition)).join(', ')}`;
}
