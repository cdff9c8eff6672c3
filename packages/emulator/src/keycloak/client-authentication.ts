import { timingSafeEqual } from 'node:crypto';
import type { SeedClient } from '../seed/seed-types.js';
import { OAuthError } from './oauth-error.js';

/**
 * Compares two secrets in constant time.
 *
 * @example
 * sameSecret(given, user.password); // true or false
 */
export function sameSecret(given: string, expected: string): boolean {
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
 * The seed client a token request authenticates as: HTTP Basic or `client_id` (+ `client_secret`) in the
 * form; a confidential client must give its secret. Throws `OAuthError` as Keycloak answers.
 *
 * @example
 * const client = authenticateClient(c.req.header('authorization'), form, ctx.seed.clients);
 */
export function authenticateClient(
  authorization: string | undefined,
  form: URLSearchParams,
  clients: SeedClient[],
): SeedClient {
  const basic = parseBasic(authorization);
  if (basic === 'malformed')
    throw new OAuthError(401, 'invalid_client', 'Malformed HTTP Basic client credentials');
  const formClientId = form.get('client_id') ?? undefined;
  if (basic && formClientId && formClientId !== basic.id) {
    throw new OAuthError(400, 'invalid_request', 'client_id differs from the HTTP Basic client');
  }
  const clientId = basic?.id ?? formClientId;
  const secret = basic?.secret ?? form.get('client_secret') ?? undefined;
  if (!clientId) throw new OAuthError(400, 'invalid_request', 'Missing parameter: client_id');
  const client = clients.find((candidate) => candidate.clientId === clientId);
  if (
    !client ||
    (client.clientSecret !== undefined && (secret === undefined || !sameSecret(secret, client.clientSecret)))
  ) {
    throw new OAuthError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
  }
  return client;
}
