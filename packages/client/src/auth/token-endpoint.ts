import { AuthError } from '../errors/auth-error.js';
import type { Redactor } from '../internal/redactor.js';
import type { Logger } from '../internal/logger.js';
import { safeCause } from '../internal/safe-cause.js';
import type { TokenSet } from './token-provider.js';

/** What a token request needs. */
export interface TokenEndpoint {
  tokenUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  redactor: Redactor;
  logger?: Logger | undefined;
  now: () => number;
}

const MAX_TOKEN_LENGTH = 16_384;

/**
 * POSTs one OAuth 2 form to the token endpoint and reads the token set. Redirects are never followed (the form
 * carries credentials). Any failure becomes an {@link AuthError} carrying the OAuth `error` code and no secret.
 */
export async function requestToken(endpoint: TokenEndpoint, form: Record<string, string>): Promise<TokenSet> {
  const grant = form['grant_type'] ?? 'unknown';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), endpoint.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await endpoint.fetch(endpoint.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
      signal: controller.signal,
    });
    text = await response.text();
  } catch (error) {
    const timedOut = controller.signal.aborted;
    endpoint.logger?.error?.('crm-gateway token request failed', { grant, status: 0, timedOut });
    throw new AuthError({
      message: timedOut
        ? `Token endpoint did not answer within ${endpoint.timeoutMs} ms (${grant} grant)`
        : `Token endpoint unreachable (${grant} grant)`,
      status: 0,
      cause: timedOut ? undefined : safeCause(error, endpoint.redactor),
    });
  } finally {
    clearTimeout(timer);
  }
  const body = parseJson(text);
  if (response.status !== 200) {
    const safeBody = endpoint.redactor.redactValue(
      body ?? (text ? endpoint.redactor.redactText(text.slice(0, 500)) : undefined),
    );
    const oauthError = readOauthString(safeBody, 'error');
    const description = readOauthString(safeBody, 'error_description');
    endpoint.logger?.error?.('crm-gateway token request failed', {
      grant,
      status: response.status,
      oauthError,
    });
    const redirected =
      response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
    throw new AuthError({
      message: redirected
        ? `Token endpoint answered a redirect (HTTP ${response.status}); the client does not follow it (${grant} grant)`
        : `Token endpoint refused the ${grant} grant with HTTP ${response.status}` +
          (oauthError ? ` ${oauthError}` : '') +
          (description ? `: ${description.slice(0, 200)}` : ''),
      status: response.status,
      body: safeBody,
      oauthError,
    });
  }
  const accessToken = readOauthString(body, 'access_token');
  if (!accessToken || accessToken.length > MAX_TOKEN_LENGTH || !/^[\x21-\x7E]+$/.test(accessToken)) {
    throw new AuthError({
      message: `Token endpoint answered without a usable access_token (${grant} grant)`,
      status: response.status,
    });
  }
  endpoint.redactor.addRotating(accessToken);
  const refreshToken = readOauthString(body, 'refresh_token');
  endpoint.redactor.addRotating(refreshToken);
  const now = endpoint.now();
  const expiresIn = readPositiveNumber(body, 'expires_in') ?? 60;
  const refreshExpiresIn = readPositiveNumber(body, 'refresh_expires_in');
  endpoint.logger?.debug?.('crm-gateway token obtained', { grant, expiresInSec: expiresIn });
  return {
    accessToken,
    obtainedAt: now,
    expiresAt: now + expiresIn * 1000,
    refreshToken,
    refreshExpiresAt:
      refreshToken && refreshExpiresIn !== undefined ? now + refreshExpiresIn * 1000 : undefined,
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function readOauthString(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function readPositiveNumber(body: unknown, key: string): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
