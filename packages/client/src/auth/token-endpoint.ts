import { AuthError } from '../errors/auth-error.js';
import type { Logger } from '../internal/logger.js';
import type { Redactor } from '../internal/redactor.js';
import { safeCause } from '../internal/safe-cause.js';
import { parseRetryAfter } from '../retry/retry-policy.js';
import { stringField } from '../entitlements/read-body.js';
import type { TokenSet } from './token-provider.js';
import { isTokenText, readTokenSet } from './token-set.js';

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
  const signal = AbortSignal.timeout(timeoutMs);
  let status = 0;
  let body: Record<string, unknown> | undefined;
  let text = '';
  let retryAfterMs: number | undefined;
  let cause: Error | undefined;
  try {
    const response = await endpoint.fetch(endpoint.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
      signal,
    });
    status = response.status;
    retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    text = await response.text();
    body = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    // No answer at all (a timeout keeps no cause); an unreadable answer is reported with its status.
    if (!status && !signal.aborted) cause = safeCause(error, redactor);
  }
  const accessToken = stringField(body, 'access_token');
  if (status === 200 && accessToken && isTokenText(accessToken)) {
    redactor.add(accessToken);
    const set = readTokenSet(body, accessToken, endpoint.now());
    redactor.add(set.refreshToken);
    logger?.debug?.('crm-gateway token obtained', { grant });
    return set;
  }
  // Redact first, cut after: what the server said may echo a secret anywhere.
  const said = (key: string, max: number): string | undefined =>
    status === 200 ? undefined : redactor.redactText(stringField(body, key) ?? '').slice(0, max) || undefined;
  const oauthError = said('error', 100);
  const description = status === 200 ? 'no usable access_token' : said('error_description', 200);
  logger?.error?.('crm-gateway token request failed', { status, oauthError });
  throw new AuthError({
    message: status
      ? `Token endpoint answered HTTP ${status}${oauthError ? ` ${oauthError}` : ''} (${grant})` +
        (description ? `: ${description}` : '') +
        (status > 299 && status < 400 ? '; redirects are not followed' : '')
      : `Token endpoint ${signal.aborted ? `gave no answer within ${timeoutMs} ms` : 'could not be reached'} (${grant})`,
    status,
    body: status
      ? body === undefined
        ? redactor.redactText(text).slice(0, 500)
        : redactor.redactValue(body)
      : undefined,
    oauthError,
    retryAfterMs,
    cause,
  });
}
