import { BadRequestError } from './bad-request-error.js';
import { ConflictError } from './conflict-error.js';
import type { CrmGatewayError, CrmGatewayErrorInit } from './crm-gateway-error.js';
import { EntitlementNotFoundError } from './entitlement-not-found-error.js';
import { ForbiddenError } from './forbidden-error.js';
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
}

/** Maps a non-2xx answer of the gateway to the error class of its case. */
export function errorFromResponse(answer: FailedAnswer): CrmGatewayError {
  const { status, body } = answer;
  const resultCode = readString(body, 'resultCode');
  const init: CrmGatewayErrorInit = {
    message: describe(answer, resultCode),
    status,
    correlationId: answer.correlationId,
    operation: answer.operation,
    body,
  };
  if (status === 401 || status === 403) return new ForbiddenError(init);
  if (status === 404) {
    if (resultCode === 'TENANT_NOT_FOUND') return new TenantNotFoundError(init);
    if (resultCode === 'ENTITLEMENT_NOT_FOUND') return new EntitlementNotFoundError(init);
    return answer.tenantOnly404 ? new TenantNotFoundError(init) : new EntitlementNotFoundError(init);
  }
  if (
    status === 409 ||
    resultCode === 'DUPLICATE_PRODUCT_PURCHASE' ||
    resultCode === 'DUPLICATE_ENTITLEMENT_ID'
  ) {
    return new ConflictError(init);
  }
  if (status >= 500 || status === 408 || status === 429 || status < 400) return new ServerError(init);
  return new BadRequestError(init);
}

function describe(answer: FailedAnswer, resultCode: string | undefined): string {
  const text = readString(answer.body, 'result') ?? readString(answer.body, 'localeMessage');
  const parts = [`${answer.operation} failed with HTTP ${answer.status}`];
  if (resultCode) parts.push(resultCode);
  let message = parts.join(' ');
  if (text) message += `: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
  return `${message} (correlation id ${answer.correlationId})`;
}

/** Reads a string property of a parsed body. */
export function readString(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
