import { callGateway, prepareCall, unreadableAnswer, type Gateway } from '../client/gateway-call.js';
import { EntitlementNotFoundError } from '../errors/entitlement-not-found-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { checkIdentifier, checkObject, checkOneOf, checkOptionalInteger } from '../validation/validate.js';
import { countField, ENTITLEMENT_STATUSES, readEntitlements, stringField } from './read-body.js';
import type {
  ActivationInfoResult,
  CallOptions,
  Entitlement,
  EntitlementFilter,
  IterateQuery,
  ListQuery,
  ListResult,
} from './types.js';

const LIST_PATH = '/crm-gateway/v1/rmg/v1/entitlements';
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** Reads a fresh activation URL of a `PENDING` entitlement. */
export async function getActivationInfo(
  gateway: Gateway,
  entitlementId: string,
  options: CallOptions | undefined,
): Promise<ActivationInfoResult> {
  const operation = 'getActivationInfo';
  const id = checkIdentifier(entitlementId, 'entitlementId', operation);
  const call = prepareCall(gateway.defaults, options, operation);
  const result = await callGateway(
    gateway,
    call,
    operation,
    'GET',
    `/tpes/v1/operator/entitlements/${id}/activationinfo`,
  );
  const parameters = (result.body as { parameters?: unknown } | undefined)?.parameters;
  const url = stringField(parameters, 'url');
  if (url === undefined) throw unreadableAnswer(operation, result, 'activation URL');
  const info: ActivationInfoResult = {
    entitlementId: stringField(result.body, 'entitlementId') ?? id,
    url,
    action: stringField(parameters, 'action') ?? 'NAVIGATE_TO_URL',
    correlationId: result.correlationId,
  };
  const urlExpiry = stringField(parameters, 'urlExpiry');
  if (urlExpiry !== undefined) info.urlExpiry = urlExpiry;
  return info;
}

/** One page of third-party entitlements. */
export async function listEntitlements(
  gateway: Gateway,
  query: ListQuery | undefined,
  options: CallOptions | undefined,
): Promise<ListResult> {
  const operation = 'listEntitlements';
  const fields = query === undefined ? {} : checkObject(query, 'query', operation);
  const params = new URLSearchParams();
  params.set('filter', JSON.stringify(buildFilter(fields, operation)));
  const limit = checkOptionalInteger(fields['limit'], 'query.limit', 0, 1000, operation);
  const page = checkOptionalInteger(fields['page'], 'query.page', 1, Number.MAX_SAFE_INTEGER, operation);
  if (limit !== undefined) params.set('limit', String(limit));
  if (page !== undefined) params.set('page', String(page));
  appendSortAndFields(params, fields, operation);
  const call = prepareCall(gateway.defaults, options, operation);
  const result = await callGateway(gateway, call, operation, 'GET', `${LIST_PATH}?${params.toString()}`);
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
  const id = checkIdentifier(entitlementId, 'entitlementId', 'listEntitlements');
  const call = prepareCall(gateway.defaults, options, 'listEntitlements');
  const { entitlements } = await listEntitlements(
    gateway,
    { entitlementId: id },
    { ...options, correlationId: call.correlationId },
  );
  const found = entitlements.find((e) => e._id === id);
  if (!found) {
    throw new EntitlementNotFoundError({
      message: `listEntitlements: no third-party entitlement ${id} (correlation id ${call.correlationId})`,
      status: 404,
      correlationId: call.correlationId,
      operation: 'listEntitlements',
    });
  }
  return found;
}

/** Every matching third-party entitlement, page by page. */
export function iterateEntitlements(
  gateway: Gateway,
  query: IterateQuery | undefined,
  options: CallOptions | undefined,
): AsyncIterable<Entitlement> {
  const operation = 'listEntitlements';
  const fields = query === undefined ? {} : checkObject(query, 'query', operation);
  const pageSize = checkOptionalInteger(fields['pageSize'], 'query.pageSize', 1, 1000, operation) ?? 100;
  const { pageSize: _ignored, ...listQuery } = fields as IterateQuery;
  buildFilter(fields, operation);
  appendSortAndFields(new URLSearchParams(), fields, operation);
  const call = prepareCall(gateway.defaults, options, operation);
  const callOptions: CallOptions = { ...options, correlationId: call.correlationId };
  return {
    async *[Symbol.asyncIterator](): AsyncGenerator<Entitlement> {
      let seen = 0;
      for (let page = 1; ; page += 1) {
        const result = await listEntitlements(gateway, { ...listQuery, limit: pageSize, page }, callOptions);
        for (const entitlement of result.entitlements) yield entitlement;
        seen += result.entitlements.length;
        if (result.entitlements.length < pageSize || seen >= result.totalRecords) return;
      }
    },
  };
}

function buildFilter(fields: Record<string, unknown>, operation: string): Record<string, string> {
  const filter: Record<string, string> = { productType: 'THIRDPARTY' };
  const { accountId, productId, entitlementId, status } = fields as EntitlementFilter;
  if (accountId !== undefined) filter['accountId'] = checkIdentifier(accountId, 'query.accountId', operation);
  if (productId !== undefined) filter['productId'] = checkIdentifier(productId, 'query.productId', operation);
  if (entitlementId !== undefined)
    filter['_id'] = checkIdentifier(entitlementId, 'query.entitlementId', operation);
  if (status !== undefined)
    filter['status'] = checkOneOf(status, ENTITLEMENT_STATUSES, 'query.status', operation);
  return filter;
}

function appendSortAndFields(
  params: URLSearchParams,
  fields: Record<string, unknown>,
  operation: string,
): void {
  const sort = fields['sort'];
  if (sort !== undefined) {
    const object = checkObject(sort, 'query.sort', operation);
    const entries = Object.entries(object);
    if (entries.length === 0)
      throw new ValidationError('query.sort', 'must name at least one field', operation);
    for (const [name, order] of entries) {
      if (!FIELD_NAME.test(name))
        throw new ValidationError('query.sort', `has an invalid field name`, operation);
      if (order !== 1 && order !== -1)
        throw new ValidationError('query.sort', 'orders must be 1 or -1', operation);
    }
    params.set('sort', JSON.stringify(object));
  }
  const names = fields['fields'];
  if (names !== undefined) {
    if (!Array.isArray(names) || names.length === 0) {
      throw new ValidationError('query.fields', 'must be a non-empty array of field names', operation);
    }
    for (const name of names) {
      if (typeof name !== 'string' || !FIELD_NAME.test(name)) {
        throw new ValidationError('query.fields', 'has an invalid field name', operation);
      }
    }
    params.set('fields', names.join(','));
  }
}
