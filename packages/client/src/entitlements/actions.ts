import {
  callGateway,
  prepareCall,
  unreadableAnswer,
  type ApiAnswer,
  type CallInit,
  type Gateway,
} from '../client/gateway-call.js';
import type { components } from '../generated/schema.js';
import { EntitlementNotFoundError } from '../errors/entitlement-not-found-error.js';
import { operationFailure } from '../errors/operation-failure.js';
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

type StatusChange = components['schemas']['EntitlementStatusUpdate'];

const TPES_ACTION = '/tpes/v1/operator/entitlements/{entitlementId}/actions/';

/** Makes the typed `client.api` call of one action, given the call's options and the checked id. */
type Send = (init: CallInit, id: string) => Promise<ApiAnswer>;

/** Sends one action on one entitlement (or account) and reads the 2xx answer. */
async function act(
  gateway: Gateway,
  operation: string,
  id: unknown,
  idField: string,
  options: CallOptions | undefined,
  send: Send,
) {
  const checked = checkIdentifier(id, idField, operation);
  const call = prepareCall(gateway.defaults, options, operation);
  return {
    id: checked,
    result: await callGateway(gateway, call, operation, (init) => send(init, checked)),
  };
}

/** The result of a status change or action: 202 means accepted and waiting for the third party. */
async function action(
  gateway: Gateway,
  operation: string,
  entitlementId: unknown,
  options: CallOptions | undefined,
  send: Send,
  requested?: EntitlementStatus,
): Promise<ActionResult> {
  const { id, result } = await act(gateway, operation, entitlementId, 'entitlementId', options, send);
  if (result.status === 200 && countField(result.body, 'matchedCount') === 0) {
    throw operationFailure(
      EntitlementNotFoundError,
      operation,
      result.correlationId,
      `no entitlement ${id} matched`,
      {
        status: 404,
        body: result.body,
      },
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

/** A TPES action call (`POST …/actions/<kind>`) with `body`. */
const tpesCall =
  (gateway: Gateway, kind: TpesAction, body?: Record<string, unknown>): Send =>
  (init, entitlementId) =>
    gateway.shared.raw.POST(`${TPES_ACTION}${kind}` as `${typeof TPES_ACTION}suspend`, {
      ...init,
      params: { path: { entitlementId } },
      ...(body && { body: body as never }),
    });

type TpesAction = 'suspend' | 'resume' | 'changeProduct' | 'cancel' | 'revoke' | 'recover';

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
  for (const [key, max] of [
    ['reasonCode', 64],
    ['reasonCategory', 64],
    ['cancelReasonDescription', 1024],
  ] as const) {
    body[key] = checkOptionalText(fields[key], `update.${key}`, max, operation);
  }
  for (const key of ['cancelReasonCategory', 'cancelReasonCode']) {
    if (fields[key] !== undefined) body[key] = checkReasonCode(fields[key], `update.${key}`, operation);
  }
  return action(
    gateway,
    operation,
    entitlementId,
    options,
    (init, id) =>
      gateway.shared.raw.PUT('/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}', {
        ...init,
        params: { path: { entitlementId: id } },
        body: body as StatusChange,
      }),
    status,
  );
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
  return action(gateway, operation, entitlementId, options, tpesCall(gateway, kind, body));
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
  const body = {
    cancelReasonCategory: checkReasonCode(fields['category'], 'reason.category', operation),
    cancelReasonCode: checkReasonCode(fields['code'], 'reason.code', operation),
    cancelReasonDescription: checkOptionalText(fields['description'], 'reason.description', 1024, operation),
  };
  return action(gateway, operation, entitlementId, options, tpesCall(gateway, kind, body));
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
    entitlementId,
    'entitlementId',
    options,
    tpesCall(gateway, 'recover'),
  );
  const recoveryUrl = stringField(result.body, 'recoveryUrl');
  if (!recoveryUrl) throw unreadableAnswer(operation, result, 'recoveryUrl');
  return { recoveryUrl, correlationId: result.correlationId };
}

/** Deletes one entitlement (`account` false) or every entitlement of an account (`account` true). */
export async function remove(
  gateway: Gateway,
  account: boolean,
  id: string,
  options: CallOptions | undefined,
): Promise<DeleteResult> {
  const { raw } = gateway.shared;
  const { result } = account
    ? await act(gateway, 'deleteAccountEntitlements', id, 'accountId', options, (init, accountId) =>
        raw.DELETE('/crm-gateway/v2/rmg/v1/entitlements/account/{accountId}', {
          ...init,
          params: { path: { accountId } },
        }),
      )
    : await act(gateway, 'deleteEntitlement', id, 'entitlementId', options, (init, entitlementId) =>
        raw.DELETE('/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}', {
          ...init,
          params: { path: { entitlementId } },
        }),
      );
  return {
    deletedCount: countField(result.body, 'deletedCount') ?? (account ? 0 : 1),
    correlationId: result.correlationId,
  };
}
