import { AuthError } from '../errors/auth-error.js';
import type { Logger } from '../internal/logger.js';
import type { Redactor } from '../internal/redactor.js';
import { safeCause } from '../internal/safe-cause.js';
import { parseRetryAfter } from '../retry/retry-policy.js';
import { stringField } from '../entitlements/read-body.js';
import type { TokenSet } from './token-provider.js';
import { readTokenSet } from './token-set.js';

/** What a token request needs. */
export interface TokenEndpoint {
  tokenUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  redactor: Redactor;
  logger?: Logger | undefined;
  now: () => number;
}

/**
 * POSTs one OAuth 2 form to the token endpoint and reads the token set. Redirects are never followed (the form
 * carries credentials). Any failure becomes an {@link AuthError} carrying the OAuth `error` code and no secret.
 */
export async function requestToken(endpoint: TokenEndpoint, form: Record<string, string>): Promise<TokenSet> {
  const { redactor, logger, timeoutMs } = endpoint;
  const grant = `${form['grant_type']} grant`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let status = 0;
  let body: Record<string, unknown> | undefined;
  let text = '';
  let retryAfterMs: number | undefined;
  try {
    const response = await endpoint.fetch(endpoint.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
      signal: controller.signal,
    });
    status = response.status;
    retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    text = await response.text();
    body = JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    // No answer at all; an unreadable answer is reported below with its status.
    if (!status) {
      const timedOut = controller.signal.aborted;
      logger?.error?.('crm-gateway token request failed', { status });
      throw new AuthError({
        message: `Token endpoint ${timedOut ? `silent for ${timeoutMs} ms` : 'unreachable'} (${grant})`,
        cause: timedOut ? undefined : safeCause(cause, redactor),
      });
    }
  } finally {
    clearTimeout(timer);
  }
  const accessToken = stringField(body, 'access_token');
  if (status !== 200 || !accessToken || !/^[\x21-\x7E]{1,16384}$/.test(accessToken)) {
    const refused = status !== 200;
    // Redact first, cut after: what the server said may echo a secret anywhere.
    const said = (key: string, max: number): string | undefined =>
      refused ? redactor.redactText(stringField(body, key) ?? '').slice(0, max) || undefined : undefined;
    const oauthError = said('error', 100);
    const description = refused ? said('error_description', 200) : 'no usable access_token';
    logger?.error?.('crm-gateway token request failed', { status, oauthError });
    throw new AuthError({
      message:
        `Token endpoint answered HTTP ${status}${oauthError ? ` ${oauthError}` : ''} (${grant})` +
        (description ? `: ${description}` : '') +
        (status > 299 && status < 400 ? '; redirects are not followed' : ''),
      status,
      body: body === undefined ? redactor.redactText(text).slice(0, 500) : redactor.redactValue(body),
      oauthError,
      retryAfterMs,
    });
  }
  redactor.add(accessToken);
  const set = readTokenSet(body, accessToken, endpoint.now());
  redactor.add(set.refreshToken);
  logger?.debug?.('crm-gateway token obtained', { grant });
  return set;
}
