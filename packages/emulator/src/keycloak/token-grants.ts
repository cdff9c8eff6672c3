import type { Seed, SeedClient } from '../seed/seed-types.js';
import { sameSecret } from './client-authentication.js';
import { OAuthError } from './oauth-error.js';
import type { TokenIssuer, TokenSubject } from './token-issuer.js';

/**
 * The grant types the token endpoint accepts.
 *
 * @example
 * OPERATOR_GRANTS.includes('password'); // true
 */
export const OPERATOR_GRANTS = ['password', 'refresh_token', 'client_credentials'];

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw new OAuthError(400, 'invalid_request', `Missing parameter: ${name}`);
  return value;
}

function passwordGrant(form: URLSearchParams, client: SeedClient, seed: Seed): TokenSubject {
  const username = required(form, 'username');
  const password = required(form, 'password');
  const user = seed.users.find(
    (candidate) => candidate.username === username && candidate.clientId === client.clientId,
  );
  if (!user || !sameSecret(password, user.password)) {
    throw new OAuthError(400, 'invalid_grant', 'Invalid user credentials');
  }
  return {
    clientId: client.clientId,
    subject: `user:${user.username}`,
    username: user.username,
    roles: [...user.roles],
    withRefreshToken: true,
  };
}

async function refreshTokenGrant(
  form: URLSearchParams,
  client: SeedClient,
  seed: Seed,
  issuer: TokenIssuer,
): Promise<TokenSubject> {
  const { clientId } = client;
  const result = await issuer.consumeRefresh(required(form, 'refresh_token'));
  if (!result.ok) throw new OAuthError(400, 'invalid_grant', result.reason);
  if (result.claims.azp !== clientId) {
    throw new OAuthError(400, 'invalid_grant', 'Token client and authorized client do not match');
  }
  const username = result.claims.preferred_username;
  if (!username) {
    return {
      clientId,
      subject: `service-account:${clientId}`,
      roles: [...(client.serviceAccountRoles ?? [])],
      withRefreshToken: true,
    };
  }
  const user = seed.users.find((candidate) => candidate.username === username);
  if (!user) throw new OAuthError(400, 'invalid_grant', 'User not found');
  return { clientId, subject: `user:${username}`, username, roles: [...user.roles], withRefreshToken: true };
}

function clientCredentialsGrant(client: SeedClient): TokenSubject {
  if (client.clientSecret === undefined) {
    throw new OAuthError(401, 'unauthorized_client', 'Public client not allowed to retrieve service account');
  }
  return {
    clientId: client.clientId,
    subject: `service-account:${client.clientId}`,
    username: `service-account-${client.clientId}`,
    roles: [...(client.serviceAccountRoles ?? [])],
    withRefreshToken: false,
  };
}

/**
 * Who the tokens of a grant are for (a user or a service account); throws `OAuthError` as Keycloak answers.
 *
 * @example
 * const subject = await grantSubject('password', form, client, seed, issuer);
 */
export async function grantSubject(
  grantType: string,
  form: URLSearchParams,
  client: SeedClient,
  seed: Seed,
  issuer: TokenIssuer,
): Promise<TokenSubject> {
  if (grantType === 'password') return passwordGrant(form, client, seed);
  if (grantType === 'refresh_token') return refreshTokenGrant(form, client, seed, issuer);
  return clientCredentialsGrant(client);
}
