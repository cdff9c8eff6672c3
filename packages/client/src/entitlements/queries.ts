import { resolveCall, type CallOptions } from '../client/call-context.js';
import { act, answerFailure, callGateway, type Gateway } from '../client/gateway-call.js';
import type { operations } from '../generated/schema.js';
import { ENTITLEMENT_STATUSES } from '../generated/constants.js';
import { EntitlementNotFoundError } from '../errors/entitlement-not-found-error.js';
import { operationFailure } from '../errors/operation-failure.js';
import { ServerError } from '../errors/server-error.js';
import {
  checkIdentifier,
  checkObject,
  checkOneOf,
  checkOptionalInteger,
  fail,
} from '../validation/validate.js';
import { countField, readActivation, readEntitlements, stringField } from './read-body.js';
import type { ActivationInfoResult, Entitlement, IterateQuery, ListQuery, ListResult } from './types.js';

const LIST = 'listEntitlements';

type ListParams = NonNullable<operations['listEntitlements']['parameters']['query']>;
const FIELD_NAME = /^[A-Za-z_][\w.-]{0,63}$/;

/** Whether `names` is a non-empty array of field names. */
const fieldNames = (names: unknown): names is string[] =>
  Array.isArray(names) && names.length > 0 && names.every((name) => FIELD_NAME.test(name));

/** Reads a fresh activation URL of a `PENDING` entitlement. */
export async function getActivationInfo(
  gateway: Gateway,
  entitlementId: string,
  options: CallOptions | undefined,
): Promise<ActivationInfoResult> {
  const operation = 'getActivationInfo';
  const { id, result } = await act(
    gateway,
    operation,
    'get',
    '/tpes/v1/operator/entitlements/{entitlementId}/activationinfo',
    entitlementId,
    'entitlementId',
    undefined,
    options,
  );
  // `parameters: { url, urlExpiry?, action? }` (a flat `url` is tolerated too).
  const link = readActivation(result.body);
  if (!link) throw answerFailure(gateway, ServerError, operation, result, 'the answer has no activation URL');
  return {
    entitlementId: stringField(result.body, 'entitlementId') ?? id,
    action: 'NAVIGATE_TO_URL',
    ...link,
    correlationId: result.correlationId,
  };
}

/** The query of a list: the third-party filter, paging, sort and fields. */
function listParams(query: unknown): ListParams {
  const q = query === undefined ? {} : (checkObject(query, 'query', LIST) as ListQuery & IterateQuery);
  const filter: Record<string, string> = { productType: 'THIRDPARTY' };
  for (const key of ['accountId', 'productId', 'entitlementId'] as const) {
    if (q[key] !== undefined) {
      filter[key === 'entitlementId' ? '_id' : key] = checkIdentifier(q[key], `query.${key}`, LIST);
    }
  }
  if (q.status !== undefined)
    filter['status'] = checkOneOf(q.status, ENTITLEMENT_STATUSES, 'query.status', LIST);
  const params: ListParams = { filter: JSON.stringify(filter) };
  for (const [key, min, max] of [
    ['limit', 0, 1000],
    ['page', 1, 2 ** 31],
    ['pageSize', 1, 1000],
  ] as const) {
    // pageSize is iterate()'s; checked here, never sent.
    const value = checkOptionalInteger(q[key], `query.${key}`, min, max, LIST);
    if (key !== 'pageSize') params[key] = value;
  }
  if (q.sort !== undefined) {
    const sort = checkObject(q.sort, 'query.sort', LIST);
    if (!fieldNames(Object.keys(sort)) || Object.values(sort).some((order) => order !== 1 && order !== -1)) {
      fail('query.sort', 'must map fields to 1 or -1', LIST);
    }
    params.sort = JSON.stringify(sort);
  }
  if (q.fields !== undefined) {
    if (!fieldNames(q.fields)) fail('query.fields', 'must list field names', LIST);
    params.fields = q.fields.join(',');
  }
  return params;
}

/** One page of third-party entitlements. */
export async function listEntitlements(
  gateway: Gateway,
  query: ListQuery | undefined,
  options: CallOptions | undefined,
): Promise<ListResult> {
  const params = listParams(query);
  const call = resolveCall(gateway.defaults, options, LIST);
  const result = await callGateway(gateway, call, 'get', '/crm-gateway/v1/rmg/v1/entitlements', {
    params: { query: params },
  });
  const entitlements = readEntitlements(result.body);
  return {
    totalRecords: countField(result.body, 'totalRecords') ?? entitlements.length,
    entitlements,
    correlationId: result.correlationId,
  };
}

/** One entitlement by id, or `EntitlementNotFoundError`. */
export async function getEntitlement(
  gateway: Gateway,
  entitlementId: string,
  options: CallOptions | undefined,
): Promise<Entitlement> {
  const id = checkIdentifier(entitlementId, 'entitlementId', LIST);
  const { entitlements, correlationId } = await listEntitlements(gateway, { entitlementId: id }, options);
  const found = entitlements.find((e) => e.entitlementId === id);
  if (found) return found;
  throw operationFailure(EntitlementNotFoundError, LIST, correlationId, `no third-party entitlement ${id}`, {
    status: 404,
  });
}

/** Every matching third-party entitlement, page by page (input checked at once, no request before iterating). */
export function iterateEntitlements(
  gateway: Gateway,
  query: IterateQuery | undefined,
  options: CallOptions | undefined,
): AsyncIterable<Entitlement> {
  listParams(query);
  const { pageSize = 100, ...filters } = query ?? {};
  const correlationId = resolveCall(gateway.defaults, options, LIST).correlationId;
  return {
    async *[Symbol.asyncIterator]() {
      let seen = 0;
      for (let page = 1; ; page += 1) {
        const result = await listEntitlements(
          gateway,
          { ...filters, limit: pageSize, page },
          { ...options, correlationId },
        );
        yield* result.entitlements;
        seen += result.entitlements.length;
        if (result.entitlements.length < pageSize || seen >= result.totalRecords) return;
      }
    },
  };
}
