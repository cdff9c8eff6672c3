import { AuthError } from '../errors/auth-error.js';
import type { Logger } from '../internal/logger.js';
import type { Redactor } from '../internal/redactor.js';
import { checkObject, checkPlainString, checkSecret, fail } from '../validation/validate.js';
import { checkClientForm, checkTokenCache, checkTokenUrl } from './check-auth.js';
import type { AuthOptions } from './auth-options.js';
import { createCachedTokenProvider } from './cached-token-provider.js';
import { createFunctionTokenProvider } from './function-token-provider.js';
import { createSharedTokenSource } from './shared-token-source.js';
import type { TokenCache } from './token-cache.js';
import { requestToken } from './token-endpoint.js';
import type { TokenProvider, TokenSet, TokenSource } from './token-provider.js';

/** What building a token provider needs besides the auth options. */
export interface TokenProviderSettings {
  fetch: typeof fetch;
  timeoutMs: number;
  redactor: Redactor;
  logger?: Logger | undefined;
  now?: () => number;
  /** Share one in-flight token request among concurrent calls and refresh ahead in the background (default true). */
  share?: boolean;
  /** A token cache shared by several instances (not with `getAccessToken`). */
  tokenCache?: TokenCache | undefined;
  /** Accept an `http:` token URL outside loopback (the client's `allowInsecureHttp`). */
  allowInsecureHttp?: boolean | undefined;
}

/**
 * Validates `auth` and builds the matching token provider; the secrets are registered with the redactor.
 * Password grant: the refresh token of the previous set is used first (a refused one falls back to the password).
 * Client credentials: the secret goes in the form body.
 */
export function createTokenProvider(auth: AuthOptions, settings: TokenProviderSettings): TokenProvider {
  const options = checkObject(auth, 'auth');
  const { redactor, tokenCache } = settings;
  const now = settings.now ?? Date.now;
  if (tokenCache !== undefined) checkTokenCache(tokenCache, options);
  if ('getAccessToken' in options) {
    if (typeof options['getAccessToken'] !== 'function') fail('auth.getAccessToken', 'must be a function');
    return createFunctionTokenProvider(options['getAccessToken'] as never, redactor);
  }
  const tokenUrl = checkTokenUrl(options, settings.allowInsecureHttp);
  const base = checkClientForm(options);
  redactor.add(base['client_secret']);
  const endpoint = { ...settings, tokenUrl, now };
  const password = options['username'] !== undefined || options['password'] !== undefined;
  if (!password && !base['client_secret']) {
    fail('auth', 'needs username + password, clientSecret or getAccessToken');
  }
  const grant: Record<string, string> = password
    ? {
        grant_type: 'password',
        ...base,
        username: checkPlainString(options['username'], 'auth.username'),
        password: checkSecret(options['password'], 'auth.password'),
      }
    : { grant_type: 'client_credentials', ...base };
  redactor.add(grant['password']);
  const source: TokenSource = {
    async obtain(previous?: TokenSet) {
      if (password && previous?.refreshToken && (previous.refreshExpiresAt ?? Infinity) > now() + 5_000) {
        const { scope: _scope, ...client } = base;
        try {
          return await requestToken(endpoint, {
            grant_type: 'refresh_token',
            ...client,
            refresh_token: previous.refreshToken,
          });
        } catch (error) {
          // A refused refresh token (4xx) falls back to the password; an outage is final.
          if (!(error instanceof AuthError) || error.status < 400 || error.status > 499) throw error;
        }
      }
      return requestToken(endpoint, grant);
    },
  };
  return createCachedTokenProvider(
    tokenCache
      ? createSharedTokenSource(
          source,
          tokenCache,
          [tokenUrl, grant['grant_type']!, base['client_id']!, grant['username'] ?? '', base['scope'] ?? ''],
          now,
          redactor,
          settings.logger,
        )
      : source,
    now,
    settings.logger,
    settings.share,
  );
}
