import { Hono, type Context } from 'hono';
import type { AppEnv, EmulatorContext } from '../context.js';
import { withFault } from '../faults/apply-fault.js';
import { gatewayOperations, type GatewayOperationId } from './operations/index.js';
import { OPERATOR_ROLE, TENANT_ID_HEADER } from './spec-constants.js';
import { errorBody, GatewayError } from './gateway-error.js';
import { operationsDocument } from './operation-specs.js';
import { validateRequest, type RequestParts } from './validate-request.js';

function toHonoPath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1');
}

function headersOf(c: Context<AppEnv>): Record<string, string> {
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return headers;
}

function queryOf(c: Context<AppEnv>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URL(c.req.url).searchParams) if (!(key in query)) query[key] = value;
  return query;
}

async function checkToken(c: Context<AppEnv>, ctx: EmulatorContext): Promise<string | undefined> {
  const authorization = c.req.header('authorization');
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!match?.[1]) return 'missing bearer token';
  const result = await ctx.issuer.verifyAccess(match[1]);
  if (!result.ok) return result.reason;
  if (!result.claims.realm_access?.roles?.includes(OPERATOR_ROLE)) return `the token lacks ${OPERATOR_ROLE}`;
  return undefined;
}

async function readBody(
  c: Context<AppEnv>,
): Promise<{ hasBody: boolean; body?: unknown; invalidJson: boolean }> {
  const text = await c.req.text();
  if (text.trim().length === 0) return { hasBody: false, invalidJson: false };
  try {
    return { hasBody: true, body: JSON.parse(text), invalidJson: false };
  } catch {
    return { hasBody: true, invalidJson: true };
  }
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
    const tokenProblem = await checkToken(c, ctx);
    if (tokenProblem) throw new GatewayError(403, '99999:403', 'Invalid token');
    const tenantId = c.req.header(TENANT_ID_HEADER);
    const tenant =
      tenantId !== undefined ? ctx.seed.tenants.find((candidate) => candidate.id === tenantId) : undefined;
    if (tenantId !== undefined && !tenant) {
      throw new GatewayError(404, 'TENANT_NOT_FOUND', `Tenant ${tenantId} does not exist`);
    }
    const operation = operationsDocument.operations[operationId];
    const body = operation?.requestBody ? await readBody(c) : { hasBody: false, invalidJson: false };
    const parts: RequestParts = {
      header: headersOf(c),
      query: queryOf(c),
      path: c.req.param() as Record<string, string>,
      hasBody: body.hasBody,
      bodyUnparsable: body.invalidJson,
      body: body.body,
    };
    const issues = validateRequest(operationId, parts);
    if (body.invalidJson) issues.unshift({ field: 'body', message: 'must be valid JSON' });
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
