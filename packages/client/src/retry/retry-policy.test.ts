import { describe, expect, test } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, isRetryableStatus, parseRetryAfter } from './retry-policy.js';

describe('isRetryableStatus', () => {
  test('408, 429 and 5xx only', () => {
    expect([408, 429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 201, 400, 401, 403, 404, 409, 410, 422].some(isRetryableStatus)).toBe(false);
  });
});

describe('backoffDelay', () => {
  test('doubles from the initial delay up to the cap, with jitter between 50 % and 100 %', () => {
    const backoff = { initialDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 0 };
    expect(backoffDelay(0, backoff, () => 0)).toBe(50);
    expect(backoffDelay(0, backoff, () => 1)).toBe(100);
    expect(backoffDelay(2, backoff, () => 1)).toBe(400);
    expect(backoffDelay(10, backoff, () => 1)).toBe(1_000);
    expect(backoffDelay(10, backoff, () => 0)).toBe(500);
    for (let retry = 0; retry < 8; retry += 1) {
      const delay = backoffDelay(retry, DEFAULT_BACKOFF);
      expect(delay).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.initialDelayMs / 2);
      expect(delay).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxDelayMs);
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 26, 12, 0, 0);
  test('seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter(new Date(now + 5_000).toUTCString(), now)).toBe(5_000);
    expect(parseRetryAfter(new Date(now - 5_000).toUTCString(), now)).toBe(0);
  });
  test('absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
  });
});
