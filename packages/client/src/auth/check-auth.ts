import { checkHttpUrl, checkObject, checkPlainString, checkSecret, fail } from '../validation/validate.js';

/** Checks that a shared token cache has its three methods and is not combined with `auth.getAccessToken`. */
export function checkTokenCache(tokenCache: unknown, options: Record<string, unknown>): void {
  const cache = checkObject(tokenCache, 'tokenCache');
  if ('getAccessToken' in options) fail('tokenCache', 'not with auth.getAccessToken');
  if (['get', 'refresh', 'invalidate'].some((m) => typeof cache[m] !== 'function')) {
    fail('tokenCache', 'needs get, refresh, invalidate');
  }
}

/** The token URL: `auth.tokenUrl`, else the Keycloak realm's token endpoint under `auth.keycloakUrl`. */
export function checkTokenUrl(
  options: Record<string, unknown>,
  allowInsecureHttp: boolean | undefined,
): string {
  if (options['tokenUrl'] !== undefined || options['keycloakUrl'] === undefined) {
    return checkHttpUrl(options['tokenUrl'], 'auth.tokenUrl', allowInsecureHttp);
  }
  const realm = options['realm'] === undefined ? 'nagra' : checkPlainString(options['realm'], 'auth.realm');
  return `${checkHttpUrl(options['keycloakUrl'], 'auth.keycloakUrl', allowInsecureHttp).replace(/\/+$/, '')}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`;
}

/** The client's part of every token form: `client_id`, and `client_secret` and `scope` when given. */
export function checkClientForm(options: Record<string, unknown>): Record<string, string> {
  const base: Record<string, string> = { client_id: checkPlainString(options['clientId'], 'auth.clientId') };
  if (options['clientSecret'] !== undefined)
    base['client_secret'] = checkSecret(options['clientSecret'], 'auth.clientSecret');
  if (options['scope'] !== undefined) base['scope'] = checkSecret(options['scope'], 'auth.scope');
  return base;
}
