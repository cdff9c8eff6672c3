import { Hono } from 'hono';
import { adminRoutes } from './admin/routes.js';
import { bangoRoutes } from './bango/activation.js';
import type { AppEnv, EmulatorContext } from './context.js';
import type { Emulator } from './emulator-types.js';
import { errorBody } from './gateway/gateway-error.js';
import { gatewayRoutes } from './gateway/routes.js';
import { CORRELATION_ID_HEADER, TENANT_ID_HEADER } from './gateway/spec-constants.js';
import { BodyTooLargeError } from './http/read-body.js';
import { keycloakRoutes } from './keycloak/token-endpoint.js';

/**
 * The emulator's HTTP app: every request but the admin API's is logged; admin API, Keycloak, Bango and the
 * CRM Gateway routes; 404 and 500 answered with the gateway's error body.
 *
 * @example
 * const app = createEmulatorApp(ctx, () => emulator);
 */
export function createEmulatorApp(ctx: EmulatorContext, emulator: () => Emulator): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    const correlationId = c.req.header(CORRELATION_ID_HEADER);
    if (correlationId !== undefined) c.set('correlationId', correlationId);
    await next();
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/__emulator/')) return;
    const fault = c.get('fault');
    ctx.log.add({
      time: new Date().toISOString(),
      method: c.req.method,
      path,
      operationId: c.get('operationId'),
      status: fault?.startsWith('reset') ? 0 : c.res.status,
      correlationId,
      tenantId: c.req.header(TENANT_ID_HEADER),
      ...(fault ? { fault } : {}),
    });
  });
  app.route('/', adminRoutes(emulator));
  app.route('/', keycloakRoutes(ctx));
  app.route('/', bangoRoutes(ctx));
  app.route('/', gatewayRoutes(ctx));
  app.notFound((c) =>
    c.json(
      errorBody('NOT_FOUND', `No operation at ${c.req.method} ${c.req.path}`, c.get('correlationId')),
      404,
    ),
  );
  app.onError((error, c) => {
    if (error instanceof BodyTooLargeError) {
      return c.json(errorBody('PAYLOAD_TOO_LARGE', error.message, c.get('correlationId')), 413);
    }
    process.emitWarning(`crm-gateway emulator: unexpected error: ${error.message}`);
    return c.json(errorBody('50000:500', 'Internal error of the emulator', c.get('correlationId')), 500);
  });
  return app;
}
