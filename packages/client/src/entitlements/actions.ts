import {
  callGateway,
  prepareCall,
  unreadableAnswer,
  type Gateway,
  type GatewayResult,
} from '../client/gateway-call.js';
import { EntitlementNotFoundError } from '../errors/entitlement-not-found-error.js';
import {
  checkIdentifier,
  checkObject,
  checkOneOf,
  checkOptionalText,
  checkReasonCode,
} from '../validation/validate.js';
import { countField, ENTITLEMENT_STATUSES, readActivation, readStatus, stringField } from './read-body.js';
import type {
  ActionResult,
  CallOptions,
  CancelReason,
  DeleteResult,
  EntitlementStatus,
  RecoverResult,
  StatusUpdate,
} from './types.js';

const CRM_PATH = '/crm-gateway/v2/rmg/v1/entitlements';
const TPES_PATH = '/tpes/v1/operator/entitlements';

/** Changes the status through the CRM Gateway `PUT`. */
export async function updateStatus(
  gateway: Gateway,
  entitlementId: string,
  update: StatusUpdate,
  options: CallOptions | undefined,
): Promise<ActionResult> {
  const operation = 'updateEntitlementStatus';
  const id = checkIdentifier(entitlementId, 'entitlementId', operation);
  const fields = checkObject(update, 'update', operation);
  const body: Record<string, string> = {
    status: checkOneOf(fields['status'], ENTITLEMENT_STATUSES, 'update.status', operation),
  };
  for (const key of ['reasonCode', 'reasonCategory'] as const) {
    const value = checkOptionalText(fields[key], `update.${key}`, 64, operation);
    if (value !== undefined) body[key] = value;
  }
  for (const key of ['cancelReasonCategory', 'cancelReasonCode'] as const) {
    if (fields[key] !== undefined) body[key] = checkReasonCode(fields[key], `update.${key}`, operation);
  }
  const description = checkOptionalText(
    fields['cancelReasonDescription'],
    'update.cancelReasonDescription',
    1024,
    operation,
  );
  if (description !== undefined) body['cancelReasonDescription'] = description;
  const call = prepareCall(gateway.defaults, options, operation);
  const result = await callGateway(gateway, call, operation, 'PUT', `${CRM_PATH}/${id}`, body);
  if (result.status === 200 && countField(result.body, 'matchedCount') === 0) {
    throw new EntitlementNotFoundError({
      message: `${operation}: the gateway matched no entitlement ${id} (correlation id ${call.correlationId})`,
      status: 404,
      correlationId: call.correlationId,
      operation,
      body: result.body,
    });
  }
  return actionResult(id, result, body['status'] as EntitlementStatus);
}

/** Runs one TPES action (`suspend`, `resume`, `cancel`, `revoke`, `changeProduct`). */
async function tpesAction(
  gateway: Gateway,
  operation: string,
  action: string,
  entitlementId: string,
  body: Record<string, string> | undefined,
  options: CallOptions | undefined,
): Promise<ActionResult> {
  const call = prepareCall(gateway.defaults, options, operation);
  const result = await callGateway(
    gateway,
    call,
    operation,
    'POST',
    `${TPES_PATH}/${entitlementId}/actions/${action}`,
    body,
  );
  return actionResult(entitlementId, result, undefined);
}

/** Suspends an `ACTIVE` entitlement. */
export async function suspend(
  gateway: Gateway,
  entitlementId: string,
  options: CallOptions | undefined,
): Promise<ActionResult> {
  const id = checkIdentifier(entitlementId, 'entitlementId', 'suspendEntitlement');
  return tpesAction(gateway, 'suspendEntitlement', 'suspend', id, undefined, options);
}

/** Resumes a `SUSPENDED` entitlement. */
export async function resume(
  gateway: Gateway,
  entitlementId: string,
  input: { productId: string },
  options: CallOptions | undefined,
): Promise<ActionResult> {
  const operation = 'resumeEntitlement';
  const id = checkIdentifier(entitlementId, 'entitlementId', operation);
  const productId = checkIdentifier(
    checkObject(input, 'input', operation)['productId'],
    'productId',
    operation,
  );
  return tpesAction(gateway, operation, 'resume', id, { productId }, options);
}

/** Moves the entitlement to another product. */
export async function changeProduct(
  gateway: Gateway,
  entitlementId: string,
  input: { productId: string },
  options: CallOptions | undefined,
): Promise<ActionResult> {
  const operation = 'changeEntitlementProduct';
  const id = checkIdentifier(entitlementId, 'entitlementId', operation);
  const productId = checkIdentifier(
    checkObject(input, 'input', operation)['productId'],
    'productId',
    operation,
  );
  return tpesAction(gateway, operation, 'changeProduct', id, { productId }, options);
}

/** Cancels (`cancel`) or revokes (`revoke`) with a typed reason. */
export async function endEntitlement(
  gateway: Gateway,
  kind: 'cancel' | 'revoke',
  entitlementId: string,
  reason: CancelReason,
  options: CallOptions | undefined,
): Promise<ActionResult> {
  const operation = kind === 'cancel' ? 'cancelEntitlement' : 'revokeEntitlement';
  const id = checkIdentifier(entitlementId, 'entitlementId', operation);
  const fields = checkObject(reason, 'reason', operation);
  const body: Record<string, string> = {
    cancelReasonCategory: checkReasonCode(fields['category'], 'reason.category', operation),
    cancelReasonCode: checkReasonCode(fields['code'], 'reason.code', operation),
  };
  const description = checkOptionalText(fields['description'], 'reason.description', 1024, operation);
  if (description !== undefined) body['cancelReasonDescription'] = description;
  return tpesAction(gateway, operation, kind, id, body, options);
}

/** Gets a recovery URL. */
export async function recover(
  gateway: Gateway,
  entitlementId: string,
  options: CallOptions | undefined,
): Promise<RecoverResult> {
  const operation = 'recoverEntitlement';
  const id = checkIdentifier(entitlementId, 'entitlementId', operation);
  const call = prepareCall(gateway.defaults, options, operation);
  const result = await callGateway(gateway, call, operation, 'POST', `${TPES_PATH}/${id}/actions/recover`);
  const recoveryUrl = stringField(result.body, 'recoveryUrl');
  if (recoveryUrl === undefined) throw unreadableAnswer(operation, result, 'recoveryUrl');
  return { recoveryUrl, correlationId: result.correlationId };
}

/** Deletes one entitlement. */
export async function deleteEntitlement(
  gateway: Gateway,
  entitlementId: string,
  options: CallOptions | undefined,
): Promise<DeleteResult> {
  const operation = 'deleteEntitlement';
  const id = checkIdentifier(entitlementId, 'entitlementId', operation);
  const call = prepareCall(gateway.defaults, options, operation);
  const result = await callGateway(gateway, call, operation, 'DELETE', `${CRM_PATH}/${id}`);
  return { deletedCount: countField(result.body, 'deletedCount') ?? 1, correlationId: result.correlationId };
}

/** Deletes every entitlement of an account. */
export async function deleteAllForAccount(
  gateway: Gateway,
  accountId: string,
  options: CallOptions | undefined,
): Promise<DeleteResult> {
  const operation = 'deleteAccountEntitlements';
  const id = checkIdentifier(accountId, 'accountId', operation);
  const call = prepareCall(gateway.defaults, options, operation);
  const result = await callGateway(gateway, call, operation, 'DELETE', `${CRM_PATH}/account/${id}`);
  return { deletedCount: countField(result.body, 'deletedCount') ?? 0, correlationId: result.correlationId };
}

function actionResult(
  entitlementId: string,
  result: GatewayResult,
  requested: EntitlementStatus | undefined,
): ActionResult {
  const accepted = result.status === 202;
  const status = readStatus(result.body) ?? (accepted ? undefined : requested);
  const action: ActionResult = {
    entitlementId: stringField(result.body, 'entitlementId') ?? entitlementId,
    accepted,
    correlationId: result.correlationId,
  };
  if (status !== undefined) action.status = status;
  const activation = readActivation(result.body);
  if (activation) action.activation = activation;
  return action;
}
