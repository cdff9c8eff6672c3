import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * The gateway answered 5xx (or 408/429) on every attempt, or an answer the client could not read. `retryAfterMs`
 * is the last answer's `Retry-After` (in ms) when it sent one: a `Retry-After` longer than
 * `backoff.maxRetryAfterMs` ends the retries at once, and the caller can schedule its own retry from it.
 *
 * @example
 * ```ts
 * import { ServerError } from '@crm-gateway/client';
 * if (error instanceof ServerError) showBanner('Unavailable', error.retryAfterMs); // ms, or undefined
 * ```
 */
export class ServerError extends CrmGatewayError {
  declare readonly code: 'SERVER_ERROR';
  /** The server's `Retry-After` of the last answer, in ms; undefined when it sent none. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: CrmGatewayErrorInit) {
    super('SERVER_ERROR', init);
  }
}
