import type { Logger } from '../internal/logger.js';
import { raceSignal } from '../internal/abort.js';
import type { TokenProvider, TokenSet, TokenSource } from './token-provider.js';
import { before, isUsable, warnRefreshFailed } from './token-times.js';

/**
 * Caches the token set of a {@link TokenSource}:
 * - callers get the cached token without waiting while it is valid (it stops being used 10 % of its lifetime,
 *   at most 10 s, before it expires);
 * - once less than half its lifetime (at most 60 s) is left, one refresh starts in the background and callers keep
 *   the valid token;
 * - when no valid token exists, every concurrent caller waits on the same single refresh;
 * - a generation counter, bumped on every store and invalidation, keeps a late refresh from overwriting a newer
 *   token or resurrecting an invalidated one;
 * - an invalidation of the current token is passed on to the source (a shared token cache drops it fleet-wide).
 *
 * With `share` false (Workers-style runtimes, where a promise made while serving one request may never settle
 * in another), no promise outlives the call that made it: each caller that needs a token requests its own, no
 * background refresh starts, and only the token itself (plain data) is cached and reused.
 */
export function createCachedTokenProvider(
  source: TokenSource,
  now: () => number = Date.now,
  logger?: Logger,
  share = true,
): TokenProvider {
  let current: TokenSet | undefined;
  let generation = 0;
  let inflight: { generation: number; promise: Promise<TokenSet> } | undefined;
  let backgroundFailedAt = -Infinity;

  /** The shared refresh of the current generation (started if none runs). */
  const refresh = (): Promise<TokenSet> => {
    if (share && inflight?.generation === generation) return inflight.promise;
    const started = generation;
    const promise = source.obtain(current).then((set) => {
      if (generation === started) {
        current = set;
        generation += 1;
      }
      return set;
    });
    if (share) {
      // Handed out until it settles; once it succeeds the generation has moved on, so only a failure clears it.
      inflight = { generation: started, promise };
      promise.catch(() => {
        if (inflight?.promise === promise) inflight = undefined;
      });
    }
    return promise;
  };

  return {
    async getToken(signal) {
      let last: TokenSet | undefined;
      // More than one round only when a refresh was superseded by an invalidation.
      for (let round = 0; round < 3; round += 1) {
        const time = now();
        if (current && isUsable(current, time)) {
          const due = share && time >= before(current, 0.5, 60_000);
          if (due && inflight?.generation !== generation && time - backgroundFailedAt > 1_000) {
            refresh().catch((error) => {
              backgroundFailedAt = now();
              warnRefreshFailed(logger, error);
            });
          }
          return current.accessToken;
        }
        last = await raceSignal(refresh(), signal);
      }
      return (current ?? last)!.accessToken;
    },
    invalidate(token) {
      if (current?.accessToken !== token) return;
      current = undefined;
      generation += 1;
      source.invalidate?.(token);
    },
  };
}
