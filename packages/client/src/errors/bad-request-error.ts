import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * One offending field named by the gateway, for example `{ field: 'body/productId', message: 'must match pattern' }`.
 *
 * @example
 * ```ts
 * const field: FieldProblem = { field: 'query/limit', message: 'must be <= 1000' };
 * ```
 */
export interface FieldProblem {
  /** Where the problem is: `body/<name>`, `query/<name>`, `header/<name>` or `path/<name>`. */
  field: string;
  /** What is wrong with it. */
  message: string;
}

/**
 * The gateway refused the request (400): invalid input, unknown account or product, a product that is not
 * third-party, or a transition the entitlement's state does not allow. `fields` lists every offending field the
 * gateway named in `details`; `resultCode` says which rule failed (`VALIDATION_FAILED`, `UNKNOWN_ACCOUNT`,
 * `INVALID_TRANSITION`, `NOT_PENDING`, …).
 *
 * @example
 * ```ts
 * import { BadRequestError } from '@crm-gateway/client';
 * if (error instanceof BadRequestError) {
 *   for (const { field, message } of error.fields) console.log(field, message);
 * }
 * ```
 */
export class BadRequestError extends CrmGatewayError {
  declare readonly code: 'BAD_REQUEST';
  /** The offending fields from the body's `details` (empty when the gateway named none). */
  declare readonly fields: FieldProblem[];

  constructor(init: CrmGatewayErrorInit) {
    super('BAD_REQUEST', init);
    this.fields = readFields(init.body);
  }
}

type Detail = { field?: unknown; message?: unknown } | null | undefined;

function readFields(body: unknown): FieldProblem[] {
  const details = (body as { details?: unknown } | null | undefined)?.details;
  return (Array.isArray(details) ? (details as Detail[]) : []).flatMap((detail) =>
    typeof detail?.field === 'string'
      ? [{ field: detail.field, message: typeof detail.message === 'string' ? detail.message : '' }]
      : [],
  );
}
