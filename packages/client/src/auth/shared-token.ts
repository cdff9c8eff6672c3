import type { Redactor } from '../internal/redactor.js';
import type { SharedToken } from './token-cache.js';
import type { TokenSet } from './token-provider.js';
import { isTokenText } from './token-set.js';

/** The shared token cache's key for `identity` (no secret in it): its SHA-256 (Web Crypto), in hex. */
export const cacheKey = (identity: string[]): Promise<string> =>
  crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(JSON.stringify(identity)))
    .then((hash) => [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join(''));

/** A well-formed shared token, registered with the redactor; anything else throws (and falls back). */
export function adoptShared(token: SharedToken, redactor: Redactor): TokenSet {
  const { accessToken, obtainedAt, expiresAt } = token;
  if (!isTokenText(accessToken) || !(obtainedAt <= expiresAt)) {
    throw new TypeError();
  }
  redactor.add(accessToken);
  return { accessToken, obtainedAt, expiresAt };
}
