/**
 * An OPF documentation edition whose answers the emulator gives (decision 2 of openapi/README.md).
 * `'scp-25.12'` (default): the self-care-portal edition, the spec's main answers (purchase 201 `{_id}`, actions
 * 200). `'crm-25.26'`: the CRM edition's tolerated variants (purchase 202 with the activation URL; resume and
 * changeProduct 202 `ActionAccepted`).
 *
 * @example
 * const edition: Edition = 'crm-25.26';
 */
export type Edition = 'scp-25.12' | 'crm-25.26';

/**
 * Every edition the emulator can answer as, default first.
 *
 * @example
 * EDITIONS.includes('crm-25.26'); // true
 */
export const EDITIONS: readonly Edition[] = ['scp-25.12', 'crm-25.26'];

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
