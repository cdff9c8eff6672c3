import type { Logger } from '../internal/logger.js';
import { raceSignal } from '../internal/abort.js';
import type { TokenProvider, TokenSet, TokenSource } from './token-provider.js';

/** When to refresh and when to stop using a token. */
export interface TokenTimings {
  /** Refresh in the background once this share of the lifetime is left (capped by `maxRefreshAheadMs`). */
  refreshAheadRatio: number;
  maxRefreshAheadMs: number;
  /** Stop using a token this long before it expires (capped share of the lifetime). */
  expirySkewRatio: number;
  maxExpirySkewMs: number;
  /** Minimum pause between two failed background refreshes. */
  backgroundRetryMs: number;
}

const DEFAULT_TIMINGS: TokenTimings = {
  refreshAheadRatio: 0.5,
  maxRefreshAheadMs: 60_000,
  expirySkewRatio: 0.1,
  maxExpirySkewMs: 10_000,
  backgroundRetryMs: 1_000,
};

/**
 * Caches the token set of a {@link TokenSource}:
 * - callers get the cached token without waiting while it is valid;
 * - once it gets close to expiry, one refresh starts in the background and callers keep the valid token;
 * - when no valid token exists, every concurrent caller waits on the same single refresh;
 * - a generation counter, bumped on every store and invalidation, keeps a late refresh from overwriting a newer
 *   token or resurrecting an invalidated one.
 */
export class CachedTokenProvider implements TokenProvider {
  private current: TokenSet | undefined;
  private generation = 0;
  private inflight: { generation: number; promise: Promise<TokenSet> } | undefined;
  private backgroundFailedAt = Number.NEGATIVE_INFINITY;
  private readonly timings: TokenTimings;

  constructor(
    private readonly source: TokenSource,
    private readonly now: () => number = Date.now,
    private readonly logger?: Logger,
    timings?: Partial<TokenTimings>,
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    let last: TokenSet | undefined;
    for (let round = 0; round < 3; round += 1) {
      const current = this.current;
      const now = this.now();
      if (current !== undefined && now < this.staleAt(current)) {
        if (now >= this.refreshAt(current)) this.refreshInBackground(now);
        return current.accessToken;
      }
      last = await raceSignal(this.refresh(), signal);
    }
    // Only reached when tokens expire as soon as they are issued; use the newest one anyway.
    return (this.current ?? last)!.accessToken;
  }

  invalidate(token: string): void {
    if (this.current?.accessToken !== token) return;
    this.current = undefined;
    this.generation += 1;
    this.logger?.debug?.('crm-gateway token invalidated after the gateway refused it');
  }

  /** The shared refresh of the current generation (started if none runs). */
  private refresh(): Promise<TokenSet> {
    if (this.inflight && this.inflight.generation === this.generation) return this.inflight.promise;
    const generation = this.generation;
    const previous = this.current;
    const promise = this.source.obtain(previous).then((set) => {
      if (this.generation === generation) {
        this.current = set;
        this.generation += 1;
      }
      return set;
    });
    const entry = { generation, promise };
    this.inflight = entry;
    const clear = (): void => {
      if (this.inflight === entry) this.inflight = undefined;
    };
    promise.then(clear, clear);
    return promise;
  }

  private refreshInBackground(now: number): void {
    if (this.inflight && this.inflight.generation === this.generation) return;
    if (now - this.backgroundFailedAt < this.timings.backgroundRetryMs) return;
    this.refresh().catch((error: unknown) => {
      this.backgroundFailedAt = this.now();
      this.logger?.warn?.('crm-gateway background token refresh failed; the current token is still used', {
        code: (error as { code?: unknown }).code,
        status: (error as { status?: unknown }).status,
      });
    });
  }

  private lifetime(set: TokenSet): number {
    return Math.max(0, set.expiresAt - set.obtainedAt);
  }

  private refreshAt(set: TokenSet): number {
    const ahead = Math.min(
      this.timings.maxRefreshAheadMs,
      this.lifetime(set) * this.timings.refreshAheadRatio,
    );
    return set.expiresAt - ahead;
  }

  private staleAt(set: TokenSet): number {
    const skew = Math.min(this.timings.maxExpirySkewMs, this.lifetime(set) * this.timings.expirySkewRatio);
    return set.expiresAt - skew;
  }
}
