import { checkAccount } from './entitlement-checks.js';
import type { GatewayOperation } from './operation.js';

/**
 * `deleteAccountEntitlements`: deletes every entitlement of an account of the tenant.
 *
 * @example
 * deleteAccountEntitlements(ctx, request); // { status: 200, body: { deletedCount: 2 } }
 */
export const deleteAccountEntitlements: GatewayOperation = (ctx, request) => {
  const accountId = request.path.accountId ?? '';
  checkAccount(request.tenant, accountId, 'path/accountId');
  const records = ctx.store.list(request.tenant.id).filter((record) => record.accountId === accountId);
  for (const record of records) ctx.entitlements.remove(record, request.correlationId);
  return { status: 200, body: { deletedCount: records.length } };
};
