import { resolveCall, type CallContext, type CallOptions } from '../client/call-context.js';
import { callGateway, type Gateway } from '../client/gateway-call.js';
import { EntitlementIdInUseError } from '../errors/entitlement-id-in-use-error.js';
import { PurchaseOutcomeUnknownError } from '../errors/purchase-outcome-unknown-error.js';
import { isCrmGatewayError } from '../errors/is-crm-gateway-error.js';
import { operationFailure } from '../errors/operation-failure.js';
import { OPERATION, purchaseRequest } from './purchase-input.js';
import { readActivation, readEntitlementId, readEntitlements, readStatus } from './read-body.js';
import type { Entitlement, PurchaseInput, PurchaseResult } from './types.js';

const TPES_OPERATION = 'createTpesEntitlement';
const LIST_PATH = '/crm-gateway/v1/rmg/v1/entitlements';

/**
 * Buys a third-party product. The entitlement `_id` is fixed before the first attempt (the caller's, else a new
 * UUID) and sent on every attempt, so a retry after a lost answer replays the same purchase instead of buying
 * twice. When the gateway reports the `_id` as existing (400 `DUPLICATE_ENTITLEMENT_ID` or 409), the client lists
 * it: same account and product → success; another purchase → `EntitlementIdInUseError`; not listed → the gateway's
 * own error (a duplicate product). When the last attempt got no usable answer (timeout, broken connection, 5xx), the
 * client looks the `_id` up (at most 5 s) before failing: found → success; still unknown →
 * `PurchaseOutcomeUnknownError` carrying the `entitlementId` to buy again with.
 */
export async function purchaseThirdPartyProduct(
  gateway: Gateway,
  input: PurchaseInput,
  options: CallOptions | undefined,
): Promise<PurchaseResult> {
  const init = purchaseRequest(input);
  const { accountId, productId, _id } = init.body;
  const tpes = gateway.deployment === 'tpes';
  const call = resolveCall(gateway.defaults, options, tpes ? TPES_OPERATION : OPERATION);
  try {
    const result = await callGateway(
      gateway,
      call,
      'post',
      tpes ? '/tpes/v1/operator/entitlements' : '/crm-gateway/v2/rmg/v1/entitlements',
      init,
    );
    const purchase: PurchaseResult = {
      entitlementId: readEntitlementId(result.body) ?? _id,
      status: readStatus(result.body) ?? (result.status === 200 ? 'ACTIVE' : 'PENDING'),
      correlationId: result.correlationId,
    };
    const activation = readActivation(result.body);
    if (activation) purchase.activation = activation;
    return purchase;
  } catch (error) {
    if (!isCrmGatewayError(error)) throw error;
    const unknownOutcome = UNKNOWN_OUTCOME.has(error.code);
    // The gateway says the _id exists (a replay after a lost answer), or never answered usably: look it up.
    if (!unknownOutcome && error.status !== 409 && error.resultCode !== 'DUPLICATE_ENTITLEMENT_ID')
      throw error;
    let existing: Entitlement | undefined;
    try {
      existing = await findById(gateway, call, _id, unknownOutcome);
    } catch (lookupError) {
      if (!unknownOutcome) throw lookupError;
    }
    if (existing?.accountId === accountId && existing.productId === productId) {
      return { entitlementId: _id, status: existing.status, correlationId: call.correlationId };
    }
    const { operation, correlationId } = call;
    if (existing !== undefined) {
      throw operationFailure(
        EntitlementIdInUseError,
        operation,
        correlationId,
        `entitlement id ${_id} belongs to another purchase`,
        { status: error.status, body: error.body, entitlementId: _id },
      );
    }
    if (!unknownOutcome) throw error;
    throw operationFailure(
      PurchaseOutcomeUnknownError,
      operation,
      correlationId,
      `no usable answer, and entitlement ${_id} was not found yet; buying again with the same entitlementId is safe`,
      { status: error.status, cause: error, entitlementId: _id },
    );
  }
}

/** Failures after which a purchase may or may not have been stored. */
const UNKNOWN_OUTCOME: ReadonlySet<string> = new Set(['TIMEOUT', 'CONNECTION_ERROR', 'SERVER_ERROR']);

/** How long the look-up after an unknown outcome may take, all its attempts included. */
const OUTCOME_LOOKUP_MS = 5_000;

/** The entitlement with id `_id`, if the gateway lists one. */
async function findById(
  gateway: Gateway,
  call: CallContext,
  _id: string,
  bounded: boolean,
): Promise<Entitlement | undefined> {
  const lookup: CallContext = { ...call, operation: 'listEntitlements' };
  if (bounded) lookup.totalTimeoutMs = Math.min(call.totalTimeoutMs, OUTCOME_LOOKUP_MS);
  const listed = await callGateway(gateway, lookup, 'get', LIST_PATH, {
    params: { query: { filter: JSON.stringify({ _id }) } },
  });
  return readEntitlements(listed.body).find((e) => e.entitlementId === _id);
}
