import { AuthError } from '../errors/auth-error.js';
import { requestToken, type TokenEndpoint } from './token-endpoint.js';
import type { TokenSet, TokenSource } from './token-provider.js';

/** Margin under which a refresh token is considered expired. */
const REFRESH_TOKEN_MARGIN_MS = 5_000;

/** The password grant, using the refresh token of the previous set first and falling back to the password. */
export function passwordGrantSource(
  endpoint: TokenEndpoint,
  credentials: {
    clientId: string;
    username: string;
    password: string;
    clientSecret?: string;
    scope?: string;
  },
): TokenSource {
  const base: Record<string, string> = { client_id: credentials.clientId };
  if (credentials.clientSecret) base['client_secret'] = credentials.clientSecret;
  return {
    async obtain(previous: TokenSet | undefined): Promise<TokenSet> {
      if (
        previous?.refreshToken &&
        (previous.refreshExpiresAt ?? Infinity) > endpoint.now() + REFRESH_TOKEN_MARGIN_MS
      ) {
        try {
          return await requestToken(endpoint, {
            grant_type: 'refresh_token',
            ...base,
            refresh_token: previous.refreshToken,
          });
        } catch (error) {
          // A refused refresh token (400 invalid_grant, 401) falls back to the password; anything else is final.
          if (!(error instanceof AuthError) || error.status < 400 || error.status >= 500) throw error;
          endpoint.logger?.debug?.('crm-gateway refresh token refused; using the password grant', {
            oauthError: error.oauthError,
          });
        }
      }
      const form: Record<string, string> = {
        grant_type: 'password',
        ...base,
        username: credentials.username,
        password: credentials.password,
      };
      if (credentials.scope) form['scope'] = credentials.scope;
      return requestToken(endpoint, form);
    },
  };
}

/** The client credentials grant (secret in the form body). */
export function clientCredentialsSource(
  endpoint: TokenEndpoint,
  credentials: { clientId: string; clientSecret: string; scope?: string },
): TokenSource {
  const form: Record<string, string> = {
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  };
  if (credentials.scope) form['scope'] = credentials.scope;
  return { obtain: () => requestToken(endpoint, form) };
}
