import { randomUUID } from 'node:crypto';
import { findEntitlement, invalidTransition } from './entitlement-checks.js';
import type { GatewayOperation } from './operation.js';

/**
 * `recoverEntitlement`: the Bango account recovery URL of an activated entitlement.
 *
 * @example
 * recoverEntitlement(ctx, request).body; // { recoveryUrl: 'http://127.0.0.1:8443/bango/recover/…' }
 */
export const recoverEntitlement: GatewayOperation = (ctx, request) => {
  const record = findEntitlement(ctx, request);
  if (!['ACTIVE', 'ACTIVE-ENDING', 'SUSPENDED'].includes(record.status)) {
    throw invalidTransition(
      record,
      'only an activated entitlement (ACTIVE, ACTIVE-ENDING, SUSPENDED) can be recovered',
    );
  }
  return {
    status: 200,
    body: { recoveryUrl: `${ctx.baseUrl()}/bango/recover/${record._id}?nonce=${randomUUID()}` },
  };
};
