import { parseListQuery, runListQuery } from '../list-query.js';
import { refuseInvalid } from './entitlement-checks.js';
import type { GatewayOperation } from './operation.js';

/**
 * `listEntitlements`: the tenant's entitlements, filtered, sorted, paged and projected as the query says.
 *
 * @example
 * listEntitlements(ctx, request); // { status: 200, body: { totalRecords, resourceSet } }
 */
export const listEntitlements: GatewayOperation = (ctx, request) => {
  const { query, issues } = parseListQuery(request.query);
  refuseInvalid(issues);
  return { status: 200, body: runListQuery(ctx.store.list(request.tenant.id), query) };
};
