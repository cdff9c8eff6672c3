import { AuthError } from '../errors/auth-error.js';
import { isCrmGatewayError } from '../errors/is-crm-gateway-error.js';
import { raceSignal } from '../internal/abort.js';
import type { Redactor } from '../internal/redactor.js';
import type { TokenProvider } from './token-provider.js';

/** Wraps a caller's `getAccessToken` function: called per request, with `forceRefresh` after a refusal. */
export class FunctionTokenProvider implements TokenProvider {
  private forceRefresh = false;

  constructor(
    private readonly getAccessToken: (hint: { forceRefresh: boolean }) => Promise<string>,
    private readonly redactor: Redactor,
  ) {}

  async getToken(signal?: AbortSignal): Promise<string> {
    const forceRefresh = this.forceRefresh;
    this.forceRefresh = false;
    let token: unknown;
    try {
      token = await raceSignal(
        Promise.resolve().then(() => this.getAccessToken({ forceRefresh })),
        signal,
      );
    } catch (error) {
      if (signal?.aborted) throw error;
      if (isCrmGatewayError(error)) throw error;
      // The caller's error may quote the token or a secret: only its type is kept.
      throw new AuthError({
        message: `getAccessToken() failed (${error instanceof Error ? error.name : typeof error})`,
        status: 0,
      });
    }
    if (typeof token !== 'string' || token.length === 0 || !/^[\x21-\x7E]+$/.test(token)) {
      throw new AuthError({
        message: 'getAccessToken() must resolve to a non-empty token of printable ASCII characters',
        status: 0,
      });
    }
    this.redactor.addRotating(token);
    return token;
  }

  invalidate(): void {
    this.forceRefresh = true;
  }
}
