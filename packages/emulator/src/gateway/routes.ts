import { Hono, type Context } from 'hono';
import type { AppEnv, EmulatorContext } from '../context.js';
import { withFault } from '../faults/apply-fault.js';
import { gatewayOperations, type GatewayOperationId } from './operations/index.js';
import { operatorTokenProblem } from './operator-token.js';
import { readRequestParts } from './read-request.js';
import { TENANT_ID_HEADER } from './spec-constants.js';
import { errorBody, GatewayError } from './gateway-error.js';
import { operationsDocument } from './operation-specs.js';
import { validateRequest } from './validate-request.js';

function toHonoPath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1');
}

async function handleOperation(
  c: Context<AppEnv>,
  ctx: EmulatorContext,
  operationId: GatewayOperationId,
): Promise<Response> {
  const correlationId = c.get('correlationId');
  const fail = (error: GatewayError): Response =>
    c.json(errorBody(error.code, error.message, correlationId, error.details), error.status);
  try {
    const tokenProblem = await operatorTokenProblem(c, ctx.issuer);
    if (tokenProblem) throw new GatewayError(403, '99999:403', 'Invalid token');
    const tenantId = c.req.header(TENANT_ID_HEADER);
    const tenant =
      tenantId !== undefined ? ctx.seed.tenants.find((candidate) => candidate.id === tenantId) : undefined;
    if (tenantId !== undefined && !tenant) {
      throw new GatewayError(404, 'TENANT_NOT_FOUND', `Tenant ${tenantId} does not exist`);
    }
    const operation = operationsDocument.operations[operationId];
    const parts = await readRequestParts(c, Boolean(operation?.requestBody));
    const issues = validateRequest(operationId, parts);
    if (parts.bodyUnparsable) issues.unshift({ field: 'body', message: 'must be valid JSON' });
    if (issues.length > 0 || !tenant) {
      throw new GatewayError(
        400,
        'VALIDATION_FAILED',
        `Invalid request: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`,
        issues,
      );
    }
    const answer = gatewayOperations[operationId](ctx, {
      tenant,
      correlationId,
      query: parts.query as Record<string, unknown>,
      path: parts.path,
      body: parts.body,
    });
    return c.json(answer.body as object, answer.status);
  } catch (error) {
    if (error instanceof GatewayError) return fail(error);
    throw error;
  }
}

/**
 * The CRM Gateway and TPES operations of the spec, each checked in the gateway's order: token (403), tenant
 * (404), request schemas (400), entitlement (404), business rules (400).
 *
 * @example
 * app.route('/', gatewayRoutes(ctx));
 */
export function gatewayRoutes(ctx: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const [operationId, operation] of Object.entries(operationsDocument.operations)) {
    if (operationId === 'getAccessToken') continue;
    const id = operationId as GatewayOperationId;
    app.on(operation.method, toHonoPath(operation.path), (c) => {
      c.set('operationId', id);
      return withFault(
        c,
        ctx.faults,
        id,
        () => handleOperation(c, ctx, id),
        (rule) =>
          c.json(
            errorBody(
              `${rule.status}00:${rule.status}`,
              'Service unavailable (injected fault)',
              c.get('correlationId'),
            ),
            rule.status as 503,
          ),
      );
    });
  }
  return app;
}
