import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { AppEnv, EmulatorContext } from '../context.js';
import { withFault } from '../faults/apply-fault.js';
import type { TokenSubject } from './token-issuer.js';

const OPERATOR_GRANTS = ['password', 'refresh_token', 'client_credentials'];

function oauthError(
  c: Context<AppEnv>,
  status: 400 | 401 | 404 | 503,
  error: string,
  description: string,
): Response {
  c.header('cache-control', 'no-store');
  return c.json({ error, error_description: description }, status);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined | 'malformed' {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return 'malformed';
  }
}

/**
 * Base path of a realm: `/keycloak/auth/realms/{realm}`.
 *
 * @example
 * realmPath('nagra'); // '/keycloak/auth/realms/nagra'
 */
export function realmPath(realm: string): string {
  return `/keycloak/auth/realms/${encodeURIComponent(realm)}`;
}

async function handleToken(c: Context<AppEnv>, ctx: EmulatorContext): Promise<Response> {
  if (c.req.param('realm') !== ctx.realm)
    return oauthError(c, 404, 'invalid_request', 'Realm does not exist');
  const contentType = c.req.header('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return oauthError(c, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(await c.req.text());
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError(c, 400, 'invalid_request', 'Missing form parameter: grant_type');
  if (!OPERATOR_GRANTS.includes(grantType)) {
    return oauthError(
      c,
      400,
      'unsupported_grant_type',
      `Unsupported grant_type (use ${OPERATOR_GRANTS.join(', ')})`,
    );
  }
  const basic = parseBasic(c.req.header('authorization'));
  if (basic === 'malformed')
    return oauthError(c, 401, 'invalid_client', 'Malformed HTTP Basic client credentials');
  const formClientId = form.get('client_id') ?? undefined;
  if (basic && formClientId && formClientId !== basic.id) {
    return oauthError(c, 400, 'invalid_request', 'client_id differs from the HTTP Basic client');
  }
  const clientId = basic?.id ?? formClientId;
  const secret = basic?.secret ?? form.get('client_secret') ?? undefined;
  if (!clientId) return oauthError(c, 400, 'invalid_request', 'Missing parameter: client_id');
  const client = ctx.seed.clients.find((candidate) => candidate.clientId === clientId);
  if (!client) return oauthError(c, 401, 'invalid_client', 'Invalid client or Invalid client credentials');
  if (
    client.clientSecret !== undefined &&
    (secret === undefined || !sameSecret(secret, client.clientSecret))
  ) {
    return oauthError(c, 401, 'invalid_client', 'Invalid client or Invalid client credentials');
  }

  let subject: TokenSubject;
  if (grantType === 'password') {
    const username = form.get('username');
    const password = form.get('password');
    if (!username) return oauthError(c, 400, 'invalid_request', 'Missing parameter: username');
    if (!password) return oauthError(c, 400, 'invalid_request', 'Missing parameter: password');
    const user = ctx.seed.users.find(
      (candidate) => candidate.username === username && candidate.clientId === clientId,
    );
    if (!user || !sameSecret(password, user.password)) {
      return oauthError(c, 400, 'invalid_grant', 'Invalid user credentials');
    }
    subject = {
      clientId,
      subject: `user:${user.username}`,
      username: user.username,
      roles: [...user.roles],
      withRefreshToken: true,
    };
  } else if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) return oauthError(c, 400, 'invalid_request', 'Missing parameter: refresh_token');
    const result = await ctx.issuer.consumeRefresh(refreshToken);
    if (!result.ok) return oauthError(c, 400, 'invalid_grant', result.reason);
    if (result.claims.azp !== clientId) {
      return oauthError(c, 400, 'invalid_grant', 'Token client and authorized client do not match');
    }
    const username = result.claims.preferred_username;
    if (username) {
      const user = ctx.seed.users.find((candidate) => candidate.username === username);
      if (!user) return oauthError(c, 400, 'invalid_grant', 'User not found');
      subject = {
        clientId,
        subject: `user:${username}`,
        username,
        roles: [...user.roles],
        withRefreshToken: true,
      };
    } else {
      subject = {
        clientId,
        subject: `service-account:${clientId}`,
        roles: [...(client.serviceAccountRoles ?? [])],
        withRefreshToken: true,
      };
    }
  } else {
    if (client.clientSecret === undefined) {
      return oauthError(
        c,
        401,
        'unauthorized_client',
        'Public client not allowed to retrieve service account',
      );
    }
    subject = {
      clientId,
      subject: `service-account:${clientId}`,
      username: `service-account-${clientId}`,
      roles: [...(client.serviceAccountRoles ?? [])],
      withRefreshToken: false,
    };
  }
  const tokens = await ctx.issuer.issue(subject);
  c.header('cache-control', 'no-store');
  c.header('pragma', 'no-cache');
  return c.json(tokens, 200);
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
