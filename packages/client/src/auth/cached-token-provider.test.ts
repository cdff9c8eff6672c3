import { describe, expect, test } from 'vitest';
import { createCachedTokenProvider } from './cached-token-provider.js';
import type { TokenSet, TokenSource } from './token-provider.js';

interface Deferred {
  resolve(set: TokenSet): void;
  reject(error: unknown): void;
  previous: TokenSet | undefined;
}

/** A token source whose answers the test releases by hand. */
function manualSource(): { source: TokenSource; pending: Deferred[] } {
  const pending: Deferred[] = [];
  return {
    pending,
    source: {
      obtain: (previous) =>
        new Promise<TokenSet>((resolve, reject) => {
          pending.push({ resolve, reject, previous });
        }),
    },
  };
}

function tokenSet(name: string, now: number, lifetimeMs: number): TokenSet {
  return { accessToken: name, obtainedAt: now, expiresAt: now + lifetimeMs, refreshToken: `r-${name}` };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createCachedTokenProvider', () => {
  test('1,000 concurrent callers with a cold cache share one refresh', async () => {
    let now = 1_000_000;
    const { source, pending } = manualSource();
    const provider = createCachedTokenProvider(source, () => now);
    const calls = Array.from({ length: 1_000 }, () => provider.getToken());
    await flush();
    expect(pending).toHaveLength(1);
    pending[0]!.resolve(tokenSet('t1', now, 300_000));
    expect(new Set(await Promise.all(calls))).toEqual(new Set(['t1']));
    await expect(provider.getToken()).resolves.toBe('t1');
    expect(pending).toHaveLength(1);
  });

  test('close to expiry: one background refresh; callers keep the valid token without waiting', async () => {
    let now = 0;
    const { source, pending } = manualSource();
    const provider = createCachedTokenProvider(source, () => now);
    const first = provider.getToken();
    await flush();
    pending[0]!.resolve(tokenSet('t1', now, 300_000));
    await first;
    now = 250_000; // inside the refresh-ahead window (last 60 s), still valid
    // Every caller resolves with t1 although the refresh has not answered (it never will in this step).
    await expect(
      Promise.all([provider.getToken(), provider.getToken(), provider.getToken()]),
    ).resolves.toEqual(['t1', 't1', 't1']);
    expect(pending).toHaveLength(2);
    expect(pending[1]!.previous?.refreshToken).toBe('r-t1');
    pending[1]!.resolve(tokenSet('t2', now, 300_000));
    await flush();
    await expect(provider.getToken()).resolves.toBe('t2');
    expect(pending).toHaveLength(2);
  });

  test('a failed background refresh keeps the current token', async () => {
    let now = 0;
    const { source, pending } = manualSource();
    const provider = createCachedTokenProvider(source, () => now);
    const first = provider.getToken();
    await flush();
    pending[0]!.resolve(tokenSet('t1', now, 300_000));
    await first;
    now = 250_000;
    await expect(provider.getToken()).resolves.toBe('t1');
    pending[1]!.reject(new Error('down'));
    await flush();
    await expect(provider.getToken()).resolves.toBe('t1');
  });

  test('an expired token makes callers wait for the new one', async () => {
    let now = 0;
    const { source, pending } = manualSource();
    const provider = createCachedTokenProvider(source, () => now);
    const first = provider.getToken();
    await flush();
    pending[0]!.resolve(tokenSet('t1', now, 300_000));
    await first;
    now = 295_000; // within the expiry skew: no longer used
    let settled = false;
    const waiting = provider.getToken().then((token) => {
      settled = true;
      return token;
    });
    await flush();
    expect(settled).toBe(false);
    pending[1]!.resolve(tokenSet('t2', now, 300_000));
    await expect(waiting).resolves.toBe('t2');
  });

  test('a late refresh cannot overwrite a newer token (generation counter)', async () => {
    let now = 0;
    const { source, pending } = manualSource();
    const provider = createCachedTokenProvider(source, () => now);
    const first = provider.getToken();
    await flush();
    pending[0]!.resolve(tokenSet('t1', now, 300_000));
    await first;
    now = 250_000;
    await provider.getToken(); // starts background refresh #1 (slow)
    expect(pending).toHaveLength(2);
    provider.invalidate('t1'); // the gateway refused t1
    const fresh = provider.getToken(); // starts refresh #2
    await flush();
    expect(pending).toHaveLength(3);
    pending[2]!.resolve(tokenSet('t3', now, 300_000));
    await expect(fresh).resolves.toBe('t3');
    pending[1]!.resolve(tokenSet('t2-late', now, 300_000)); // the late one answers last
    await flush();
    await expect(provider.getToken()).resolves.toBe('t3');
  });

  test('invalidate ignores a token that is no longer the current one', async () => {
    const now = 0;
    const { source, pending } = manualSource();
    const provider = createCachedTokenProvider(source, () => now);
    const first = provider.getToken();
    await flush();
    pending[0]!.resolve(tokenSet('t1', now, 300_000));
    await first;
    provider.invalidate('some-old-token');
    await expect(provider.getToken()).resolves.toBe('t1');
    expect(pending).toHaveLength(1);
  });

  test('a waiting caller can abort', async () => {
    const { source } = manualSource();
    const provider = createCachedTokenProvider(source, () => 0);
    const controller = new AbortController();
    const waiting = provider.getToken(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});

describe('createCachedTokenProvider without sharing (Workers-style runtimes)', () => {
  test('each cold caller waits only on its own request; the token is then cached and reused', async () => {
    const now = 1_000_000;
    const { source, pending } = manualSource();
    const provider = createCachedTokenProvider(source, () => now, undefined, false);
    const calls = [provider.getToken(), provider.getToken(), provider.getToken()];
    await flush();
    expect(pending).toHaveLength(3);
    // Each call settles once its own request answers (none waits on another's promise); the first token
    // stored wins the cache, and every caller uses the cached one.
    pending[1]!.resolve(tokenSet('t2', now, 300_000));
    await expect(calls[1]).resolves.toBe('t2');
    pending[0]!.resolve(tokenSet('t1', now, 300_000));
    pending[2]!.resolve(tokenSet('t3', now, 300_000));
    expect(await Promise.all(calls)).toEqual(['t2', 't2', 't2']);
    await expect(provider.getToken()).resolves.toBe('t2');
    expect(pending).toHaveLength(3);
  });

  test('starts no background refresh in the refresh-ahead window, and refreshes in the caller once expiring', async () => {
    let now = 0;
    const { source, pending } = manualSource();
    const provider = createCachedTokenProvider(source, () => now, undefined, false);
    const first = provider.getToken();
    await flush();
    pending[0]!.resolve(tokenSet('t1', now, 300_000));
    await first;
    now = 250_000; // refresh-ahead window: a shared provider would start a background refresh here
    await expect(provider.getToken()).resolves.toBe('t1');
    await flush();
    expect(pending).toHaveLength(1);
    now = 295_000; // too close to expiry: the caller refreshes and waits for its own answer
    const late = provider.getToken();
    await flush();
    expect(pending).toHaveLength(2);
    pending[1]!.resolve(tokenSet('t2', now, 300_000));
    await expect(late).resolves.toBe('t2');
  });
});
