import type { CallContext } from '../client/call-context.js';
import { AbortError } from '../errors/abort-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import type { CrmGatewayError, CrmGatewayErrorInit } from '../errors/crm-gateway-error.js';
import { operationFailure } from '../errors/operation-failure.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { Redactor } from '../internal/redactor.js';
import { safeCause } from '../internal/safe-cause.js';

type FailureType = new (init: CrmGatewayErrorInit) => CrmGatewayError;

/** An error of `Type` for `request`'s operation, with its correlation id. */
export const failure = (
  Type: FailureType,
  request: CallContext,
  what: string,
  cause?: unknown,
): CrmGatewayError => operationFailure(Type, request.operation, request.correlationId, what, { cause });

/** The error for a call its caller aborted. */
export const aborted = (request: CallContext): CrmGatewayError =>
  failure(AbortError, request, 'aborted by the caller');

/** The error for an attempt that got no answer: its own timer fired, or the connection failed. */
export function attemptFailure(
  request: CallContext,
  timedOut: boolean,
  cause: unknown,
  redactor: Redactor,
): CrmGatewayError {
  return timedOut
    ? failure(
        TimeoutError,
        request,
        `no answer within ${Math.min(request.timeoutMs, request.totalTimeoutMs)} ms`,
      )
    : failure(
        ConnectionError,
        request,
        'the gateway could not be reached or the connection broke',
        safeCause(cause, redactor),
      );
}
