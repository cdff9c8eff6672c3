import { randomUUID } from 'node:crypto';
import type { FieldIssue } from './validate-request.js';

/**
 * A gateway error answer: HTTP status, `resultCode`, message and (on 400) the offending fields.
 *
 * @example
 * throw new GatewayError(404, 'ENTITLEMENT_NOT_FOUND', 'Entitlement abc does not exist');
 */
export class GatewayError extends Error {
  /** The error body's `resultCode`. */
  readonly code: string;
  constructor(
    readonly status: 400 | 403 | 404 | 500 | 503,
    resultCode: string,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = 'GatewayError';
    this.code = resultCode;
  }
}

/**
 * The spec's `ErrorBody` for a gateway error: `resultCode`, `result` and `requestId` always (the request's
 * `x-correlation-id`, or a new id when it had none).
 *
 * @example
 * errorBody('ENTITLEMENT_NOT_FOUND', 'Entitlement abc does not exist', 'corr-1');
 */
export function errorBody(
  resultCode: string,
  result: string,
  requestId: string | undefined,
  details?: FieldIssue[],
): Record<string, unknown> {
  return {
    resultCode,
    result,
    localeMessage: 'none',
    requestId: requestId ?? randomUUID(),
    ...(details && details.length > 0 ? { details } : {}),
  };
}
