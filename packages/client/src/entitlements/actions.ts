import type { ClientPathsWithMethod } from 'openapi-fetch';
import type { CrmGatewayApi } from '../api/gateway-api.js';
import type { CallOptions } from '../client/call-context.js';
import { act, answerFailure, type Gateway } from '../client/gateway-call.js';
import {
  CANCEL_REASON_MAX_LENGTHS,
  ENTITLEMENT_STATUSES,
  STATUS_UPDATE_MAX_LENGTHS,
} from '../generated/constants.js';
import { EntitlementNotFoundError } from '../errors/entitlement-not-found-error.js';
import { ServerError } from '../errors/server-error.js';
import {
  checkIdentifier,
  checkObject,
  checkOneOf,
  checkOptionalText,
  checkReasonCode,
  checkReasonPair,
  fail,
} from '../validation/validate.js';
import { countField, readActivation, readStatus, stringField } from './read-body.js';
import type {
  ActionResult,
  CancelReason,
  DeleteResult,
  EntitlementStatus,
  RecoverResult,
  StatusUpdate,
} from './types.js';

type Api = CrmGatewayApi;

const CRM = '/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}';
const TPES = '/tpes/v1/operator/entitlements/{entitlementId}/actions/';

/** The result of a status change or action: 202 means accepted and waiting for the third party. */
async function action<M extends 'post' | 'put', P extends ClientPathsWithMethod<Api, M>>(
  gateway: Gateway,
  operation: string,
  method: M,
  path: P,
  entitlementId: unknown,
  body: Record<string, unknown> | undefined,
  options: CallOptions | undefined,
  requested?: EntitlementStatus,
): Promise<ActionResult> {
  const { id, result } = await act(
    gateway,
    operation,
    method,
    path,
    entitlementId,
    'entitlementId',
    body,
    options,
  );
  if (result.status === 200 && countField(result.body, 'matchedCount') === 0) {
    throw answerFailure(
      gateway,
      EntitlementNotFoundError,
      operation,
      result,
      `no entitlement ${id} matched`,
      404,
    );
  }
  const accepted = result.status === 202;
  const answer: ActionResult = {
    entitlementId: stringField(result.body, 'entitlementId') ?? id,
    accepted,
    correlationId: result.correlationId,
  };
  const status = readStatus(result.body) ?? (accepted ? undefined : requested);
  if (status) answer.status = status;
  const activation = readActivation(result.body);
  if (activation) answer.activation = activation;
  return answer;
}

/** A TPES action's path. */
const tpes = (kind: string) => `${TPES}${kind}` as `${typeof TPES}suspend`;

/** Changes the status through the CRM Gateway `PUT`. */
export async function updateStatus(
  gateway: Gateway,
  entitlementId: string,
  update: StatusUpdate,
  options: CallOptions | undefined,
): Promise<ActionResult> {
  const operation = 'updateEntitlementStatus';
  const fields = checkObject(update, 'update', operation);
  const status = checkOneOf(fields['status'], ENTITLEMENT_STATUSES, 'update.status', operation);
  const body: Record<string, unknown> = { status };
  for (const [key, max] of Object.entries(STATUS_UPDATE_MAX_LENGTHS)) {
    body[key] = checkOptionalText(fields[key], `update.${key}`, max, operation);
  }
  for (const key of ['cancelReasonCategory', 'cancelReasonCode']) {
    if (fields[key] !== undefined) body[key] = checkReasonCode(fields[key], `update.${key}`, operation);
    // CRM-25.12's SSP cancel page makes the reason mandatory for CANCELLED.
    else if (status === 'CANCELLED') fail(`update.${key}`, 'is required for CANCELLED', operation);
  }
  checkReasonPair(
    body['cancelReasonCategory'] as string | undefined,
    body['cancelReasonCode'] as string | undefined,
    'update.cancelReasonCode',
    operation,
  );
  return action(gateway, operation, 'put', CRM, entitlementId, body, options, status);
}

/** Runs one TPES action (`suspend`, `resume`, `changeProduct`) on an entitlement. */
export async function tpesAction(
  gateway: Gateway,
  kind: 'suspend' | 'resume' | 'changeProduct',
  entitlementId: string,
  input: { productId: string } | undefined,
  options: CallOptions | undefined,
): Promise<ActionResult> {
  const operation = kind === 'changeProduct' ? 'changeEntitlementProduct' : `${kind}Entitlement`;
  const body =
    kind === 'suspend'
      ? undefined
      : {
          productId: checkIdentifier(
            checkObject(input, 'input', operation)['productId'],
            'productId',
            operation,
          ),
        };
  return action(gateway, operation, 'post', tpes(kind), entitlementId, body, options);
}

/** Cancels (`cancel`) or revokes (`revoke`) with a typed reason. */
export async function endEntitlement(
  gateway: Gateway,
  kind: 'cancel' | 'revoke',
  entitlementId: string,
  reason: CancelReason,
  options: CallOptions | undefined,
): Promise<ActionResult> {
  const operation = `${kind}Entitlement`;
  const fields = checkObject(reason, 'reason', operation);
  const cancelReasonCategory = checkReasonCode(fields['category'], 'reason.category', operation);
  const cancelReasonCode = checkReasonCode(fields['code'], 'reason.code', operation);
  checkReasonPair(cancelReasonCategory, cancelReasonCode, 'reason.code', operation);
  const body = {
    cancelReasonCategory,
    cancelReasonCode,
    cancelReasonDescription: checkOptionalText(
      fields['description'],
      'reason.description',
      CANCEL_REASON_MAX_LENGTHS.cancelReasonDescription,
      operation,
    ),
  };
  return action(gateway, operation, 'post', tpes(kind), entitlementId, body, options);
}

/** Gets a recovery URL. */
export async function recover(
  gateway: Gateway,
  entitlementId: string,
  options: CallOptions | undefined,
): Promise<RecoverResult> {
  const operation = 'recoverEntitlement';
  const { result } = await act(
    gateway,
    operation,
    'post',
    tpes('recover'),
    entitlementId,
    'entitlementId',
    undefined,
    options,
  );
  const recoveryUrl = stringField(result.body, 'recoveryUrl');
  if (!recoveryUrl)
    throw answerFailure(gateway, ServerError, operation, result, 'the answer has no recoveryUrl');
  return { recoveryUrl, correlationId: result.correlationId };
}

/** Deletes one entitlement (`account` false) or every entitlement of an account (`account` true). */
export async function remove(
  gateway: Gateway,
  account: boolean,
  id: string,
  options: CallOptions | undefined,
): Promise<DeleteResult> {
  const { result } = await act(
    gateway,
    account ? 'deleteAccountEntitlements' : 'deleteEntitlement',
    'delete',
    account ? '/crm-gateway/v2/rmg/v1/entitlements/account/{accountId}' : CRM,
    id,
    account ? 'accountId' : 'entitlementId',
    undefined,
    options,
  );
  return {
    deletedCount: countField(result.body, 'deletedCount') ?? (account ? 0 : 1),
    correlationId: result.correlationId,
  };
}
