import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import type { TokenIssuer } from '../keycloak/token-issuer.js';
import { OPERATOR_ROLE } from './spec-constants.js';

/**
 * Why the request's bearer token does not let it call the gateway (missing, invalid, expired, revoked, or
 * without `operatorRole`), or `undefined` when it does.
 *
 * @example
 * if (await operatorTokenProblem(c, ctx.issuer)) throw new GatewayError(403, '99999:403', 'Invalid token');
 */
export async function operatorTokenProblem(
  c: Context<AppEnv>,
  issuer: TokenIssuer,
): Promise<string | undefined> {
  const authorization = c.req.header('authorization');
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!match?.[1]) return 'missing bearer token';
  const result = await issuer.verifyAccess(match[1]);
  if (!result.ok) return result.reason;
  if (!result.claims.realm_access?.roles?.includes(OPERATOR_ROLE)) return `the token lacks ${OPERATOR_ROLE}`;
  return undefined;
}
