/**
 * Every code a {@link CrmGatewayError} can carry; `switch` on `error.code` to handle each case.
 *
 * @example
 * ```ts
 * import { isCrmGatewayError, type CrmGatewayErrorCode } from '@crm-gateway/client';
 * function retryable(code: CrmGatewayErrorCode): boolean {
 *   return code === 'TIMEOUT' || code === 'CONNECTION_ERROR' || code === 'SERVER_ERROR';
 * }
 * ```
 */
export type CrmGatewayErrorCode =
  | 'BAD_REQUEST'
  | 'FORBIDDEN'
  | 'TENANT_NOT_FOUND'
  | 'ENTITLEMENT_NOT_FOUND'
  | 'CONFLICT'
  | 'SERVER_ERROR'
  | 'TIMEOUT'
  | 'CONNECTION_ERROR'
  | 'AUTH_ERROR'
  | 'VALIDATION_ERROR'
  | 'ABORTED'
  | 'PURCHASE_OUTCOME_UNKNOWN'
  | 'ENTITLEMENT_ID_IN_USE';

/**
 * What every error of the client is built from.
 *
 * @example
 * ```ts
 * const init: CrmGatewayErrorInit = { message: 'Tenant not found', status: 404, operation: 'listEntitlements' };
 * ```
 */
export interface CrmGatewayErrorInit {
  /** A human-readable sentence; never contains a secret or a token. */
  message: string;
  /** The HTTP status of the gateway's answer, 0 when there was no HTTP answer. */
  status?: number;
  /** The `x-correlation-id` the request carried. */
  correlationId?: string | undefined;
  /** The operationId of the spec (for example `createThirdPartyEntitlement`). */
  operation?: string | undefined;
  /** The parsed answer body (JSON when possible, else text), with any known secret redacted. */
  body?: unknown;
  /** The low-level error that caused this one (network errors only; never holds a secret). */
  cause?: unknown;
  /** The server's `Retry-After`, in ms (set as `retryAfterMs` on the error when given). */
  retryAfterMs?: number | undefined;
}

/**
 * The base class of every error thrown by `@crm-gateway/client`.
 *
 * It carries a stable `code`, the HTTP `status` (0 when the gateway never answered), the `correlationId` of the
 * request, the `operation` (the spec's operationId), the parsed `body` of the answer and the gateway's
 * `resultCode` when it sent one. `toJSON()` returns exactly these fields, so logging an error is safe.
 *
 * @example
 * ```ts
 * import { CrmGatewayError } from '@crm-gateway/client';
 * try {
 *   await client.entitlements.get('abc1234');
 * } catch (error) {
 *   if (error instanceof CrmGatewayError) console.log(error.code, error.status, error.correlationId);
 * }
 * ```
 */
export class CrmGatewayError extends Error {
  /** The stable code of this kind of error. */
  declare readonly code: CrmGatewayErrorCode;
  /** The HTTP status of the answer, 0 when there was none (timeout, connection, validation, abort). */
  declare readonly status: number;
  /** The `x-correlation-id` sent with the request (the same on every attempt). */
  declare readonly correlationId: string | undefined;
  /** The operationId of the spec that failed. */
  declare readonly operation: string | undefined;
  /** The parsed answer body, if any. */
  declare readonly body: unknown;
  /** The gateway's `resultCode` (for example `TENANT_NOT_FOUND`, `99999:403`), when the body had one. */
  declare readonly resultCode: string | undefined;

  constructor(code: CrmGatewayErrorCode, init: CrmGatewayErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = init.status ?? 0;
    this.correlationId = init.correlationId;
    this.operation = init.operation;
    this.body = init.body;
    this.resultCode = readResultCode(this.body);
    if (init.retryAfterMs !== undefined) (this as { retryAfterMs?: number }).retryAfterMs = init.retryAfterMs;
  }

  /**
   * The fields worth logging (`name`, `message`, `code`, `status`, `correlationId`, `operation`, `resultCode`,
   * `body` and a subclass's own fields); never a secret, a token or a request.
   */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), message: this.message };
  }
}

function readResultCode(body: unknown): string | undefined {
  const value = (body as { resultCode?: unknown } | null | undefined)?.resultCode;
  return typeof value === 'string' ? value : undefined;
}
