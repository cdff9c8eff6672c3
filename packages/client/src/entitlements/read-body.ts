import type { ActivationLink, Entitlement, EntitlementStatus } from './types.js';

export const ENTITLEMENT_STATUSES: readonly EntitlementStatus[] = [
  'SUBSCRIBED',
  'UNSUBSCRIBED',
  'SUSPENDED',
  'PENDING',
  'ACTIVE',
  'ACTIVE-ENDING',
  'CANCELLED',
  'REVOKED',
];

type Body = Record<string, unknown>;

function asObject(value: unknown): Body | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : undefined;
}

/** A string property, if present. */
export function stringField(body: unknown, key: string): string | undefined {
  const value = asObject(body)?.[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A non-negative integer property, if present. */
export function countField(body: unknown, key: string): number | undefined {
  const value = asObject(body)?.[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** The entitlement id of an answer: `_id` (CRM Gateway) or `entitlementId` (TPES). */
export function readEntitlementId(body: unknown): string | undefined {
  return stringField(body, '_id') ?? stringField(body, 'entitlementId');
}

/** A known status property, if present. */
export function readStatus(body: unknown): EntitlementStatus | undefined {
  const value = stringField(body, 'status');
  return value !== undefined && (ENTITLEMENT_STATUSES as readonly string[]).includes(value)
    ? (value as EntitlementStatus)
    : undefined;
}

/** Activation parameters (`parameters: { url, urlExpiry, action }`), or a flat `url` / `activationUrl`. */
export function readActivation(body: unknown): ActivationLink | undefined {
  const source = asObject(asObject(body)?.['parameters']) ?? asObject(body);
  const url = stringField(source, 'url') ?? stringField(body, 'activationUrl');
  if (url === undefined) return undefined;
  const link: ActivationLink = { url };
  const urlExpiry = stringField(source, 'urlExpiry');
  const action = stringField(source, 'action');
  if (urlExpiry !== undefined) link.urlExpiry = urlExpiry;
  if (action !== undefined) link.action = action;
  return link;
}

/** The records of a list answer (`resourceSet`), each with `_id` (copied from `entitlementId` if needed). */
export function readEntitlements(body: unknown): Entitlement[] {
  const records = asObject(body)?.['resourceSet'];
  if (!Array.isArray(records)) return [];
  const result: Entitlement[] = [];
  for (const record of records) {
    const object = asObject(record);
    if (!object) continue;
    const id = readEntitlementId(object);
    if (id === undefined) continue;
    result.push({ ...object, _id: id } as Entitlement);
  }
  return result;
}
