import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * The caller's `signal` aborted the call; no further attempt is made (`status` 0).
 *
 * @example
 * ```ts
 * import { AbortError } from '@crm-gateway/client';
 * const controller = new AbortController();
 * const call = client.entitlements.list({}, { signal: controller.signal });
 * controller.abort();
 * await call.catch((e) => e instanceof AbortError); // true
 * ```
 */
export class AbortError extends CrmGatewayError {
  declare readonly code: 'ABORTED';

  constructor(init: CrmGatewayErrorInit) {
    super('ABORTED', init);
  }
}
