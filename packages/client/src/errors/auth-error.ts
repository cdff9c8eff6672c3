import { CrmGatewayError, type CrmGatewayErrorInit } from './crm-gateway-error.js';

/**
 * What an {@link AuthError} is built from.
 *
 * @example
 * ```ts
 * const init: AuthErrorInit = { message: 'Token request refused', status: 401, oauthError: 'invalid_client' };
 * ```
 */
export interface AuthErrorInit extends CrmGatewayErrorInit {
  /** The OAuth 2 `error` code of the token endpoint (`invalid_grant`, `invalid_client`, …). */
  oauthError?: string | undefined;
}

/**
 * No access token could be obtained: the token endpoint refused the credentials (`oauthError` carries the OAuth 2
 * `error` code such as `invalid_grant` or `invalid_client`), was unreachable, answered something unreadable or
 * redirected, or the caller's `getAccessToken` function failed. `status` is the token endpoint's HTTP status (0
 * when there was none). The message never contains the password, the client secret or a token.
 *
 * @example
 * ```ts
 * import { AuthError } from '@crm-gateway/client';
 * if (error instanceof AuthError && error.oauthError === 'invalid_grant') console.error('Wrong Keycloak password');
 * ```
 */
export class AuthError extends CrmGatewayError {
  declare readonly code: 'AUTH_ERROR';
  /** The OAuth 2 `error` code from the token endpoint, when it sent one. */
  declare readonly oauthError: string | undefined;
  /** The token endpoint's `Retry-After` (a 503 or 429), in ms; undefined when it sent none. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: AuthErrorInit) {
    super('AUTH_ERROR', { ...init, operation: init.operation ?? 'getAccessToken' });
    this.oauthError = init.oauthError;
  }
}
