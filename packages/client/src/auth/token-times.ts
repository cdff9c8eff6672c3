import type { Logger } from '../internal/logger.js';

/** A token's times: when it was obtained and when it expires (ms). */
interface TokenTimes {
  obtainedAt: number;
  expiresAt: number;
}

/** The time `ratio` of the token's lifetime, at most `cap` ms, before it expires. */
export const before = (set: TokenTimes, ratio: number, cap: number): number =>
  set.expiresAt - Math.min(cap, (set.expiresAt - set.obtainedAt) * ratio);

/** Whether a token is still used at `time`: it stops 10 % of its lifetime, at most 10 s, before it expires. */
export const isUsable = (set: TokenTimes, time: number): boolean => time < before(set, 0.1, 10_000);

/** Logs a failed background refresh (the valid token is kept). */
export const warnRefreshFailed = (logger: Logger | undefined, error: { code?: unknown; status?: unknown }) =>
  logger?.warn?.('crm-gateway token refresh failed (token kept)', {
    code: error.code,
    status: error.status,
  });
