import type { CrmGatewayError, CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * An error of class `Type` for one failed operation; its message names the operation, what happened and the
 * correlation id (`what` never holds a secret).
 */
export function operationFailure<
  T extends CrmGatewayError,
  I extends CrmGatewayErrorInit = CrmGatewayErrorInit,
>(
  Type: new (init: I) => T,
  operation: string,
  correlationId: string,
  what: string,
  init?: Omit<I, 'message'>,
): T {
  return new Type({
    message: `${operation}: ${what} (correlation id ${correlationId})`,
    operation,
    correlationId,
    ...init,
  } as I);
}
