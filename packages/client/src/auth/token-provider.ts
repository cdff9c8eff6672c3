/** Supplies access tokens to the transport. */
export interface TokenProvider {
  /** A token to send now; waits only when no valid token is cached. */
  getToken(signal?: AbortSignal): Promise<string>;
  /** The gateway refused `token`: forget it (if it is still the cached one) so the next call gets a new one. */
  invalidate(token: string): void;
}

/** A token set from the token endpoint, with absolute times (ms since the epoch). */
export interface TokenSet {
  accessToken: string;
  obtainedAt: number;
  expiresAt: number;
  refreshToken?: string | undefined;
  refreshExpiresAt?: number | undefined;
}

/** Obtains a new token set, using `previous` (its refresh token) when it can. */
export interface TokenSource {
  obtain(previous: TokenSet | undefined): Promise<TokenSet>;
  /** Told when the gateway refused `token` (a shared cache drops it for every instance). */
  invalidate?(token: string): void;
}
