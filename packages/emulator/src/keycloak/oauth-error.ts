import type { Context } from 'hono';
import type { AppEnv } from '../context.js';

/**
 * A refusal of the token endpoint, answered as OAuth's `{ error, error_description }`.
 *
 * @example
 * throw new OAuthError(400, 'invalid_grant', 'Invalid user credentials');
 */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 413 | 503,
    readonly error: string,
    description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

/**
 * The `no-store` JSON answer of an OAuth refusal.
 *
 * @example
 * return oauthErrorResponse(c, new OAuthError(404, 'invalid_request', 'Realm does not exist'));
 */
export function oauthErrorResponse(c: Context<AppEnv>, refusal: OAuthError): Response {
  c.header('cache-control', 'no-store');
  return c.json({ error: refusal.error, error_description: refusal.message }, refusal.status);
}
