import { AuthError } from '../errors/auth-error.js';
import { isCrmGatewayError } from '../errors/is-crm-gateway-error.js';
import { raceSignal } from '../internal/abort.js';
import type { Redactor } from '../internal/redactor.js';
import type { TokenProvider } from './token-provider.js';
import { isTokenText } from './token-set.js';

/** Wraps a caller's `getAccessToken` function: called per request, with `forceRefresh` after a refusal. */
export function createFunctionTokenProvider(
  getAccessToken: (hint: { forceRefresh: boolean }) => Promise<string>,
  redactor: Redactor,
): TokenProvider {
  let forceRefresh = false;
  return {
    async getToken(signal) {
      const hint = { forceRefresh };
      forceRefresh = false;
      let token: unknown;
      try {
        // An async wrapper: a function that throws at once rejects like one that fails later.
        token = await raceSignal((async () => getAccessToken(hint))(), signal);
      } catch (error) {
        if (signal?.aborted || isCrmGatewayError(error)) throw error;
        // The caller's error may quote the token or a secret: only its type is kept.
        throw new AuthError({
          message: `getAccessToken() failed (${error instanceof Error ? error.name : typeof error})`,
        });
      }
      if (!isTokenText(token)) {
        throw new AuthError({
          message: 'getAccessToken() must resolve to printable ASCII characters',
        });
      }
      redactor.add(token);
      return token;
    },
    invalidate() {
      forceRefresh = true;
    },
  };
}
