import type { CrmGatewayClient } from '@crm-gateway/client';
import type { PortalResponse } from '../portal-response.js';
import {
  callOptionsFor,
  correlationIdFor,
  invalidField,
  objectBody,
  withGatewayErrors,
  type PortalHandlerInput,
  type PortalHandlerSettings,
} from './handler.js';
import { findOwnedEntitlement, type OwnedEntitlement } from './owned-entitlement.js';

/**
 * Reason codes an end user may give when cancelling (category `CUSTOMER_CANCELLED` of NAGRA's table).
 *
 * @example
 * handleCancel(gateway, { accountId, entitlementId, body: { reason: 'NOT_RENEWED' } });
 */
export const DEFAULT_CANCEL_REASONS = [
  'CUSTOMER_CANCELLED',
  'NOT_RENEWED',
  'CHANGED_SERVICE',
  'OTHER',
] as const;

/** Longest free-text cancel description accepted. */
const MAX_DESCRIPTION = 500;

/**
 * Cancels one of the session account's entitlements. Body (optional): `{ "reason"?: one of the allowed codes,
 * "description"?: free text up to 500 characters }`; sent to OPF as category `CUSTOMER_CANCELLED` with that
 * code (default `CUSTOMER_CANCELLED`). Answers 200 `{ entitlementId, status, correlationId }` (202 with
 * `accepted: true` when OPF waits for the third party's confirmation; a notification follows).
 *
 * @example
 * await handleCancel(gateway, { accountId: 'account-alice', entitlementId: 'e-1', body: { reason: 'NOT_RENEWED' } });
 */
export async function handleCancel(
  gateway: CrmGatewayClient,
  input: PortalHandlerInput,
  settings: PortalHandlerSettings = {},
): Promise<PortalResponse> {
  const correlationId = correlationIdFor(gateway, input);
  const reasons = settings.cancelReasons ?? DEFAULT_CANCEL_REASONS;
  const body = objectBody(input.body, true);
  if (body === undefined) return invalidField('body', 'The body must be a JSON object.', correlationId);
  const { reason = reasons[0], description } = body;
  if (typeof reason !== 'string' || !reasons.includes(reason)) {
    return invalidField('reason', `reason must be one of ${reasons.join(', ')}.`, correlationId);
  }
  if (
    description !== undefined &&
    (typeof description !== 'string' || description.length > MAX_DESCRIPTION)
  ) {
    return invalidField(
      'description',
      `description must be text of at most ${MAX_DESCRIPTION} characters.`,
      correlationId,
    );
  }
  return runAction(gateway, input, correlationId, settings, (entitlement) =>
    gateway.entitlements.cancel(
      entitlement.entitlementId,
      { category: 'CUSTOMER_CANCELLED', code: reason, ...(description === undefined ? {} : { description }) },
      callOptionsFor(gateway, correlationId),
    ),
  );
}

/**
 * Suspends one of the session account's entitlements. Answers 200 `{ entitlementId, status, correlationId }`.
 *
 * @example
 * await handleSuspend(gateway, { accountId: 'account-alice', entitlementId: 'e-1' });
 */
export async function handleSuspend(
  gateway: CrmGatewayClient,
  input: PortalHandlerInput,
  settings: PortalHandlerSettings = {},
): Promise<PortalResponse> {
  const correlationId = correlationIdFor(gateway, input);
  return runAction(gateway, input, correlationId, settings, (entitlement) =>
    gateway.entitlements.suspend(entitlement.entitlementId, callOptionsFor(gateway, correlationId)),
  );
}

/**
 * Resumes one of the session account's suspended entitlements (with the entitlement's own product). Answers 200
 * `{ entitlementId, status, correlationId }`.
 *
 * @example
 * await handleResume(gateway, { accountId: 'account-alice', entitlementId: 'e-1' });
 */
export async function handleResume(
  gateway: CrmGatewayClient,
  input: PortalHandlerInput,
  settings: PortalHandlerSettings = {},
): Promise<PortalResponse> {
  const correlationId = correlationIdFor(gateway, input);
  return runAction(gateway, input, correlationId, settings, (entitlement) =>
    gateway.entitlements.resume(
      entitlement.entitlementId,
      { productId: entitlement.productId },
      callOptionsFor(gateway, correlationId),
    ),
  );
}

async function runAction(
  gateway: CrmGatewayClient,
  input: PortalHandlerInput,
  correlationId: string,
  settings: PortalHandlerSettings,
  act: (entitlement: OwnedEntitlement) => Promise<{ status?: string | undefined; accepted?: boolean }>,
): Promise<PortalResponse> {
  return withGatewayErrors(correlationId, settings, async () => {
    const owned = await findOwnedEntitlement(gateway, input, correlationId);
    if ('answer' in owned) return owned.answer;
    const result = await act(owned.entitlement);
    const body: Record<string, unknown> = { entitlementId: owned.entitlement.entitlementId };
    if (result.status !== undefined) body.status = result.status;
    // 202: OPF accepted the change and waits for the third party; a notification follows.
    if (result.accepted === true) body.accepted = true;
    body.correlationId = correlationId;
    return { status: result.accepted === true ? 202 : 200, body };
  });
}
