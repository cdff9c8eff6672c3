import { stringField } from '../entitlements/read-body.js';
import type { TokenSet } from './token-provider.js';

/** Whether `token` can be sent as a bearer token: 1 to 16,384 printable ASCII characters. */
export const isTokenText = (token: unknown): token is string =>
  typeof token === 'string' && /^[\x21-\x7E]{1,16384}$/.test(token);

/** A lifetime field of a token answer (`expires_in`, `refresh_expires_in`: seconds), in ms; none if not a number ≥ 0. */
function lifetime(body: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = body?.[key];
  return typeof value === 'number' && value >= 0 ? value * 1000 : undefined;
}

/**
 * The token set of a token endpoint's answer `body` (its checked `accessToken` given), obtained at `obtainedAt`:
 * an access token without `expires_in` is taken to last 60 s.
 */
export function readTokenSet(
  body: Record<string, unknown> | undefined,
  accessToken: string,
  obtainedAt: number,
): TokenSet {
  const refreshIn = lifetime(body, 'refresh_expires_in');
  return {
    accessToken,
    obtainedAt,
    expiresAt: obtainedAt + (lifetime(body, 'expires_in') ?? 60_000),
    refreshToken: stringField(body, 'refresh_token'),
    refreshExpiresAt: refreshIn === undefined ? undefined : obtainedAt + refreshIn,
  };
}
