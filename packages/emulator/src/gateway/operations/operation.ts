import type { EmulatorContext } from '../../context.js';
import type { SeedTenant } from '../../seed/seed-types.js';

/** A validated request, ready for the business rules. */
export interface GatewayRequest {
  tenant: SeedTenant;
  correlationId: string | undefined;
  query: Record<string, unknown>;
  path: Record<string, string>;
  body: unknown;
}

/** What an operation answers (errors are thrown as `GatewayError`). */
export interface GatewayAnswer {
  status: 200 | 201 | 202;
  body: unknown;
}

/**
 * The business rules of one gateway operation: a validated request in, an answer out.
 *
 * @example
 * const suspendEntitlement: GatewayOperation = (ctx, request) => ({ status: 200, body: {} });
 */
export type GatewayOperation = (ctx: EmulatorContext, request: GatewayRequest) => GatewayAnswer;
