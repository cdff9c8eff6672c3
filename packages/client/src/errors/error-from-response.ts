import { BadRequestError } from './bad-request-error.js';
import { ConflictError } from './conflict-error.js';
import type { CrmGatewayError, CrmGatewayErrorInit } from './crm-gateway-error.js';
import { EntitlementNotFoundError } from './entitlement-not-found-error.js';
import { ForbiddenError } from './forbidden-error.js';
import { operationFailure } from './operation-failure.js';
import { isRetryableStatus } from '../retry/retry-policy.js';
import { ServerError } from './server-error.js';
import { TenantNotFoundError } from './tenant-not-found-error.js';

/** What the client knows about a failed answer. */
export interface FailedAnswer {
  operation: string;
  status: number;
  correlationId: string;
  /** Parsed body, already redacted. */
  body: unknown;
  /** True when the operation's 404 can only mean "tenant" (no entitlement in its path). */
  tenantOnly404?: boolean;
  /** The answer's `Retry-After`, in ms (kept on a `ServerError`). */
  retryAfterMs?: number | undefined;
}

/** Maps a non-2xx answer of the gateway to the error class of its case. */
export function errorFromResponse(answer: FailedAnswer): CrmGatewayError {
  const { status, body, operation, correlationId } = answer;
  const { resultCode, result } = Object(body) as Record<string, unknown>;
  const code = typeof resultCode === 'string' ? resultCode : '';
  const text = typeof result === 'string' ? `: ${result.slice(0, 300)}` : '';
  const Type: new (init: CrmGatewayErrorInit) => CrmGatewayError =
    status === 401 || status === 403
      ? ForbiddenError
      : status === 404
        ? code === 'TENANT_NOT_FOUND' || (code !== 'ENTITLEMENT_NOT_FOUND' && answer.tenantOnly404)
          ? TenantNotFoundError
          : EntitlementNotFoundError
        : status === 409 || code.startsWith('DUPLICATE_')
          ? ConflictError
          : isRetryableStatus(status) || status < 400
            ? ServerError
            : BadRequestError;
  return operationFailure(
    Type,
    operation,
    correlationId,
    `failed with HTTP ${status}${code && ` ${code}`}${text}`,
    { status, body, retryAfterMs: Type === ServerError ? answer.retryAfterMs : undefined },
  );
}
