import { ValidationError } from '../errors/validation-error.js';
import type { Logger } from '../internal/logger.js';
import type { Redactor } from '../internal/redactor.js';
import { checkHttpUrl, checkObject, checkPlainString, checkSecret } from '../validation/validate.js';
import type { AuthOptions } from './auth-options.js';
import { CachedTokenProvider } from './cached-token-provider.js';
import { FunctionTokenProvider } from './function-token-provider.js';
import { clientCredentialsSource, passwordGrantSource } from './oauth-token-sources.js';
import type { TokenEndpoint } from './token-endpoint.js';
import type { TokenProvider, TokenSource } from './token-provider.js';

/** What building a token provider needs besides the auth options. */
export interface TokenProviderSettings {
  fetch: typeof fetch;
  timeoutMs: number;
  redactor: Redactor;
  logger?: Logger | undefined;
  now?: () => number;
}

/** Validates `auth` and builds the matching token provider; the secrets are registered with the redactor. */
export function createTokenProvider(auth: AuthOptions, settings: TokenProviderSettings): TokenProvider {
  const options = checkObject(auth, 'auth');
  const now = settings.now ?? Date.now;
  if ('getAccessToken' in options) {
    if (typeof options['getAccessToken'] !== 'function') {
      throw new ValidationError('auth.getAccessToken', 'must be a function returning a Promise of the token');
    }
    return new FunctionTokenProvider(
      options['getAccessToken'] as (hint: { forceRefresh: boolean }) => Promise<string>,
      settings.redactor,
    );
  }
  const tokenUrl = resolveTokenUrl(options);
  const clientId = checkPlainString(options['clientId'], 'auth.clientId');
  const scope = options['scope'] === undefined ? undefined : checkPlainString(options['scope'], 'auth.scope');
  const clientSecret =
    options['clientSecret'] === undefined
      ? undefined
      : checkSecret(options['clientSecret'], 'auth.clientSecret');
  settings.redactor.addFixed(clientSecret);
  const endpoint: TokenEndpoint = {
    tokenUrl,
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
    redactor: settings.redactor,
    logger: settings.logger,
    now,
  };
  let source: TokenSource;
  if (options['username'] !== undefined || options['password'] !== undefined) {
    const username = checkPlainString(options['username'], 'auth.username');
    const password = checkSecret(options['password'], 'auth.password');
    settings.redactor.addFixed(password);
    source = passwordGrantSource(endpoint, {
      clientId,
      username,
      password,
      ...(clientSecret ? { clientSecret } : {}),
      ...(scope ? { scope } : {}),
    });
  } else if (clientSecret !== undefined) {
    source = clientCredentialsSource(endpoint, { clientId, clientSecret, ...(scope ? { scope } : {}) });
  } else {
    throw new ValidationError(
      'auth',
      'needs username + password (password grant), clientSecret (client credentials) or getAccessToken',
    );
  }
  return new CachedTokenProvider(source, now, settings.logger);
}

function resolveTokenUrl(options: Record<string, unknown>): string {
  if (options['tokenUrl'] !== undefined) return checkHttpUrl(options['tokenUrl'], 'auth.tokenUrl');
  if (options['keycloakUrl'] === undefined) {
    throw new ValidationError('auth.tokenUrl', 'is required (or keycloakUrl + realm, or getAccessToken)');
  }
  const base = checkHttpUrl(options['keycloakUrl'], 'auth.keycloakUrl').replace(/\/+$/, '');
  const realm = options['realm'] === undefined ? 'nagra' : checkPlainString(options['realm'], 'auth.realm');
  return `${base}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`;
}
