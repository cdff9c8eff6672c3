import { Hono, type Context } from 'hono';
import type { AppEnv, EmulatorContext } from '../context.js';
import { withFault } from '../faults/apply-fault.js';
import { BodyTooLargeError, readBodyText } from '../http/read-body.js';
import { authenticateClient } from './client-authentication.js';
import { OAuthError, oauthErrorResponse } from './oauth-error.js';
import { grantSubject, OPERATOR_GRANTS } from './token-grants.js';

/**
 * Base path of a realm: `/keycloak/auth/realms/{realm}`.
 *
 * @example
 * realmPath('nagra'); // '/keycloak/auth/realms/nagra'
 */
export function realmPath(realm: string): string {
  return `/keycloak/auth/realms/${encodeURIComponent(realm)}`;
}

function checkTokenRequest(c: Context<AppEnv>, realm: string): void {
  if (c.req.param('realm') !== realm) throw new OAuthError(404, 'invalid_request', 'Realm does not exist');
  const contentType = c.req.header('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new OAuthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
  }
}

function checkGrantType(grantType: string | null): string {
  if (!grantType) throw new OAuthError(400, 'invalid_request', 'Missing form parameter: grant_type');
  if (!OPERATOR_GRANTS.includes(grantType)) {
    throw new OAuthError(
      400,
      'unsupported_grant_type',
      `Unsupported grant_type (use ${OPERATOR_GRANTS.join(', ')})`,
    );
  }
  return grantType;
}

async function handleToken(c: Context<AppEnv>, ctx: EmulatorContext): Promise<Response> {
  try {
    checkTokenRequest(c, ctx.realm);
    const form = new URLSearchParams(await readBodyText(c));
    const grantType = checkGrantType(form.get('grant_type'));
    const client = authenticateClient(c.req.header('authorization'), form, ctx.seed.clients);
    const subject = await grantSubject(grantType, form, client, ctx.seed, ctx.issuer);
    const tokens = await ctx.issuer.issue(subject);
    c.header('cache-control', 'no-store');
    c.header('pragma', 'no-cache');
    return c.json(tokens, 200);
  } catch (error) {
    if (error instanceof OAuthError) return oauthErrorResponse(c, error);
    if (error instanceof BodyTooLargeError) {
      return oauthErrorResponse(c, new OAuthError(413, 'invalid_request', error.message));
    }
    throw error;
  }
}

/**
 * Keycloak routes: the token endpoint (password, refresh_token, client_credentials), JWKS and the OpenID
 * configuration, under `/keycloak/auth/realms/{realm}`.
 *
 * @example
 * app.route('/', keycloakRoutes(ctx));
 */
export function keycloakRoutes(ctx: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/keycloak/auth/realms/:realm/protocol/openid-connect/token', (c) => {
    c.set('operationId', 'getAccessToken');
    return withFault(
      c,
      ctx.faults,
      'getAccessToken',
      () => handleToken(c, ctx),
      (rule) =>
        c.json(
          {
            error: 'temporarily_unavailable',
            error_description: 'The token endpoint is unavailable (injected fault)',
          },
          rule.status as 503,
        ),
    );
  });
  app.get('/keycloak/auth/realms/:realm/protocol/openid-connect/certs', (c) => {
    if (c.req.param('realm') !== ctx.realm) return c.json({ error: 'Realm does not exist' }, 404);
    return c.json({ keys: [ctx.keys.publicJwk] });
  });
  app.get('/keycloak/auth/realms/:realm/.well-known/openid-configuration', (c) => {
    if (c.req.param('realm') !== ctx.realm) return c.json({ error: 'Realm does not exist' }, 404);
    const issuer = `${ctx.baseUrl()}${realmPath(ctx.realm)}`;
    return c.json({
      issuer,
      authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
      token_endpoint: `${issuer}/protocol/openid-connect/token`,
      jwks_uri: `${issuer}/protocol/openid-connect/certs`,
      grant_types_supported: OPERATOR_GRANTS,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });
  return app;
}
