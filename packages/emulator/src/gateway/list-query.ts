import type { FieldIssue } from './validate-request.js';
import { toApiEntitlement, type EntitlementRecord } from '../entitlements/entitlement-store.js';

const FILTER_FIELDS = ['_id', 'accountId', 'productId', 'productType', 'status'] as const;
const SORT_FIELDS = [
  '_id',
  'accountId',
  'productId',
  'productType',
  'status',
  'created',
  'modified',
] as const;
const ENTITLEMENT_FIELDS = [
  '_id',
  'productId',
  'accountId',
  'productType',
  'status',
  'reasonCode',
  'reasonCategory',
  'validFrom',
  'expiryDate',
  'created',
  'modified',
];

/** The list query once parsed. */
export interface ListQuery {
  filter: Record<string, string>;
  sort: [string, 1 | -1][];
  limit?: number;
  page: number;
  fields?: string[];
}

function parseJsonObject(
  text: string,
  field: string,
  issues: FieldIssue[],
): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    issues.push({ field, message: 'must be a JSON object (invalid JSON)' });
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    issues.push({ field, message: 'must be a JSON object' });
    return undefined;
  }
  return value as Record<string, unknown>;
}

function parseFilter(text: unknown, issues: FieldIssue[]): Record<string, string> {
  const filter: Record<string, string> = {};
  if (typeof text !== 'string') return filter;
  for (const [key, value] of Object.entries(parseJsonObject(text, 'query/filter', issues) ?? {})) {
    if (!(FILTER_FIELDS as readonly string[]).includes(key)) {
      issues.push({
        field: 'query/filter',
        message: `${key} cannot be filtered on (use ${FILTER_FIELDS.join(', ')})`,
      });
    } else if (typeof value !== 'string') {
      issues.push({ field: 'query/filter', message: `${key} must be a string (equality only)` });
    } else {
      filter[key] = value;
    }
  }
  return filter;
}

function parseSort(text: unknown, issues: FieldIssue[]): [string, 1 | -1][] {
  const sort: [string, 1 | -1][] = [];
  if (typeof text !== 'string') return sort;
  for (const [key, value] of Object.entries(parseJsonObject(text, 'query/sort', issues) ?? {})) {
    if (!(SORT_FIELDS as readonly string[]).includes(key)) {
      issues.push({
        field: 'query/sort',
        message: `${key} cannot be sorted on (use ${SORT_FIELDS.join(', ')})`,
      });
    } else if (value !== 1 && value !== -1) {
      issues.push({ field: 'query/sort', message: `${key} must be 1 or -1` });
    } else {
      sort.push([key, value]);
    }
  }
  return sort;
}

function parseFields(text: unknown, issues: FieldIssue[]): string[] | undefined {
  if (typeof text !== 'string') return undefined;
  const fields = text
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field.length > 0);
  const unknown = fields.filter((field) => !ENTITLEMENT_FIELDS.includes(field));
  if (unknown.length > 0) {
    issues.push({
      field: 'query/fields',
      message: `unknown field(s) ${unknown.join(', ')} (use ${ENTITLEMENT_FIELDS.join(', ')})`,
    });
  }
  return fields;
}

/**
 * Parses the list parameters (already checked against the spec's schemas): `filter` (JSON equality on
 * `_id`, `accountId`, `productId`, `productType`, `status`), `sort` (JSON, `1`/`-1`), `limit`, `page`,
 * `fields` (comma-separated). Returns the issues naming `query/filter`, `query/sort`, `query/fields`.
 *
 * @example
 * parseListQuery({ filter: '{"status":"ACTIVE"}', limit: 10 });
 */
export function parseListQuery(query: Record<string, unknown>): { query: ListQuery; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const filter = parseFilter(query.filter, issues);
  const sort = parseSort(query.sort, issues);
  const fields = parseFields(query.fields, issues);
  return {
    query: {
      filter,
      sort,
      ...(typeof query.limit === 'number' ? { limit: query.limit } : {}),
      page: typeof query.page === 'number' ? query.page : 1,
      ...(fields ? { fields } : {}),
    },
    issues,
  };
}

/**
 * Applies a parsed list query to a tenant's entitlements and builds the `EntitlementList` answer.
 *
 * @example
 * runListQuery(store.list('tenant1'), parsed); // { totalRecords: 2, resourceSet: [...] }
 */
export function runListQuery(
  records: EntitlementRecord[],
  query: ListQuery,
): { totalRecords: number; resourceSet?: object[] } {
  const matching = records.filter((record) =>
    Object.entries(query.filter).every(
      ([key, value]) => (record as unknown as Record<string, unknown>)[key] === value,
    ),
  );
  if (query.sort.length > 0) {
    matching.sort((a, b) => {
      for (const [key, order] of query.sort) {
        const left = String((a as unknown as Record<string, unknown>)[key] ?? '');
        const right = String((b as unknown as Record<string, unknown>)[key] ?? '');
        if (left !== right) return left < right ? -order : order;
      }
      return 0;
    });
  }
  if (query.limit === 0) return { totalRecords: matching.length };
  const page =
    query.limit === undefined
      ? matching
      : matching.slice((query.page - 1) * query.limit, query.page * query.limit);
  const resourceSet = page.map((record) => {
    const entitlement = toApiEntitlement(record);
    if (!query.fields) return entitlement;
    const picked: Record<string, unknown> = { _id: entitlement._id };
    for (const field of query.fields)
      if (entitlement[field] !== undefined) picked[field] = entitlement[field];
    return picked;
  });
  return { totalRecords: matching.length, resourceSet };
}
