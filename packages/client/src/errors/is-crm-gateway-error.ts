import { CrmGatewayError, type CrmGatewayErrorCode } from './crm-gateway-error.js';

/**
 * Tells whether `value` is an error of this client, optionally of one `code`. Works across bundle copies of the
 * package (it checks the shape, not only `instanceof`).
 *
 * @example
 * ```ts
 * import { isCrmGatewayError } from '@crm-gateway/client';
 * if (isCrmGatewayError(error, 'TENANT_NOT_FOUND')) console.error('check tenantId');
 * else if (isCrmGatewayError(error)) console.error(error.code, error.correlationId);
 * ```
 */
export function isCrmGatewayError(value: unknown, code?: CrmGatewayErrorCode): value is CrmGatewayError {
  const candidate = value as Partial<CrmGatewayError>;
  return (
    (value instanceof CrmGatewayError ||
      (value instanceof Error &&
        typeof candidate.status === 'number' &&
        KNOWN_CODES.has(candidate.code as string))) &&
    (code === undefined || candidate.code === code)
  );
}

const KNOWN_CODES: ReadonlySet<string> = new Set<CrmGatewayErrorCode>([
  'BAD_REQUEST',
  'FORBIDDEN',
  'TENANT_NOT_FOUND',
  'ENTITLEMENT_NOT_FOUND',
  'CONFLICT',
  'SERVER_ERROR',
  'TIMEOUT',
  'CONNECTION_ERROR',
  'AUTH_ERROR',
  'VALIDATION_ERROR',
  'ABORTED',
  'PURCHASE_OUTCOME_UNKNOWN',
  'ENTITLEMENT_ID_IN_USE',
]);
