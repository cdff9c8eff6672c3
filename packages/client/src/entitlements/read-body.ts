import { ENTITLEMENT_STATUSES } from '../generated/constants.js';
import type { ActivationLink, Entitlement, EntitlementStatus } from './types.js';

/** Every entitlement status of the spec, generated from it (re-exported here for the portal core's import). */
export { ENTITLEMENT_STATUSES };

/** A non-empty string property of a parsed body, if present. */
export function stringField(body: unknown, key: string): string | undefined {
  const value = (body as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'string' && value ? value : undefined;
}

/** A non-negative integer property, if present. */
export function countField(body: unknown, key: string): number | undefined {
  const value = (body as Record<string, unknown> | null | undefined)?.[key];
  return Number.isInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
}

/** The entitlement id of an answer: `_id` (CRM Gateway) or `entitlementId` (TPES). */
export const readEntitlementId = (body: unknown): string | undefined =>
  stringField(body, '_id') ?? stringField(body, 'entitlementId');

/** A known status property, if present. */
export function readStatus(body: unknown): EntitlementStatus | undefined {
  const value = stringField(body, 'status') as EntitlementStatus;
  return ENTITLEMENT_STATUSES.includes(value) ? value : undefined;
}

/** Activation parameters (`parameters: { url, urlExpiry, action }`), or a flat `url` / `activationUrl`. */
export function readActivation(body: unknown): ActivationLink | undefined {
  const parameters = (body as { parameters?: unknown } | null | undefined)?.parameters ?? body;
  const url = stringField(parameters, 'url') ?? stringField(body, 'activationUrl');
  if (!url) return undefined;
  const link: ActivationLink = { url };
  for (const key of ['urlExpiry', 'action'] as const) {
    const value = stringField(parameters, key);
    if (value) link[key] = value;
  }
  return link;
}

/** The records of a list answer (`resourceSet`), each with its id as `entitlementId` (the wire's `_id`). */
export function readEntitlements(body: unknown): Entitlement[] {
  const records = (body as { resourceSet?: unknown } | null | undefined)?.resourceSet;
  return (Array.isArray(records) ? records : []).flatMap((record) => {
    const id = readEntitlementId(record);
    if (!id) return [];
    const { _id: _wireId, entitlementId: _tpesId, ...fields } = record as Record<string, unknown>;
    return [{ entitlementId: id, ...fields } as Entitlement];
  });
}
