import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createCrmGatewayClient } from '../client/create-client.js';
import { AbortError } from '../errors/abort-error.js';
import { ServerError } from '../errors/server-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { ATTEMPT_TIMEOUT, REDIRECTED, sendAttempt } from './send-attempt.js';

// A loopback server whose `/hang` never answers, `/late` answers after 400 ms, `/redirect…` answers 302, `/token`
// gives a token and anything else answers at once. It records each connection that carried a request, and when
// that connection was closed (by the client).
let server: Server;
let redirects = 0;
let baseUrl: string;
const sockets: { socket: Socket; closedAt?: number }[] = [];
const carrying = new WeakSet<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    carrying.add(req.socket);
    req.resume();
    req.on('end', () => {
      if (req.url === '/hang') return;
      if (req.url!.startsWith('/redirect')) {
        redirects += 1;
        res.writeHead(302, { location: '/ok' }).end();
        return;
      }
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(req.url === '/token' ? '{"access_token":"t-0123456789","expires_in":300}' : '{"ok":true}');
      };
      if (req.url === '/late') setTimeout(answer, 400);
      else answer();
    });
  });
  server.on('connection', (socket) => {
    const entry: { socket: Socket; closedAt?: number } = { socket };
    sockets.push(entry);
    socket.on('close', () => (entry.closedAt = performance.now()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await fetch(`${baseUrl}/ping`).then((r) => r.text()); // Node's fetch makes its dispatcher on first use.
});
afterEach(async () => {
  // Each test starts with no pooled connection (and the client has seen the last one close).
  for (const { socket } of sockets) socket.destroy();
  sockets.length = 0;
  await new Promise((resolve) => setTimeout(resolve, 50));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (): RequestInit => ({
  method: 'POST',
  body: '{}',
  headers: { 'content-type': 'application/json' },
});

/**
 * Waits until every connection that carried a request is closed; resolves with the time it took from `since`.
 * (After an abort undici may open a fresh idle connection, which carried nothing.)
 */
async function allClosed(since: number, withinMs: number): Promise<number> {
  const end = performance.now() + withinMs;
  while (performance.now() < end) {
    const used = sockets.filter((s) => carrying.has(s.socket));
    if (used.length > 0 && used.every((s) => s.closedAt !== undefined)) {
      return Math.max(...used.map((s) => s.closedAt!)) - since;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`a connection is still open ${withinMs} ms later`);
}

describe("with Node's own fetch", () => {
  test('answers with the response and its text, sending no AbortSignal and following no redirect', async () => {
    const init = post();
    const [response, text] = await sendAttempt(fetch, `${baseUrl}/ok`, init, 1_000, undefined, true);
    expect(response.status).toBe(200);
    expect(text).toBe('{"ok":true}');
    expect(init.signal).toBeUndefined();
    expect(init.redirect).toBe('error');
    expect(init).toHaveProperty('dispatcher');
  });

  test('a redirect rejects with REDIRECTED', async () => {
    await expect(sendAttempt(fetch, `${baseUrl}/redirect`, post(), 1_000, undefined, true)).rejects.toBe(
      REDIRECTED,
    );
  });

  test('a hung attempt rejects with ATTEMPT_TIMEOUT on time, and undici closes its connection by itself', async () => {
    const start = performance.now();
    await expect(sendAttempt(fetch, `${baseUrl}/hang`, post(), 300, undefined, true)).rejects.toBe(
      ATTEMPT_TIMEOUT,
    );
    const elapsed = performance.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(1_000);
    // undici's headers timeout is the attempt's plus a second (its timers tick every half second or so).
    const closedAfter = await allClosed(start, 4_000);
    expect(closedAfter).toBeGreaterThan(1_000);
  });

  test("the caller's signal ends the attempt at once and closes the connection", async () => {
    const controller = new AbortController();
    const start = performance.now();
    setTimeout(() => controller.abort(), 100);
    const error = await sendAttempt(fetch, `${baseUrl}/hang`, post(), 5_000, controller.signal, true).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(performance.now() - start).toBeLessThan(1_000);
    await allClosed(start, 1_000);
  });

  test('a late answer after the timeout is still read, so its connection is kept for the next request', async () => {
    await expect(sendAttempt(fetch, `${baseUrl}/late`, post(), 150, undefined, true)).rejects.toBe(
      ATTEMPT_TIMEOUT,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [, text] = await sendAttempt(fetch, `${baseUrl}/ok`, post(), 1_000, undefined, true);
    expect(text).toBe('{"ok":true}');
    const used = sockets.filter((s) => carrying.has(s.socket));
    expect(used).toHaveLength(1);
    expect(used[0]!.closedAt).toBeUndefined();
  });

  test("sets undici's timeouts on the request and tells fetch whether a MockAgent is installed", async () => {
    const key = Symbol.for('undici.globalDispatcher.1');
    const global = globalThis as Record<symbol, unknown>;
    const real = global[key] as { dispatch(options: object, handler: object): boolean };
    const seen: Record<string, unknown>[] = [];
    global[key] = {
      isMockActive: true,
      dispatch(options: Record<string, unknown>, handler: object) {
        seen.push(options);
        return real.dispatch(options, handler);
      },
    };
    try {
      await sendAttempt(fetch, `${baseUrl}/ok`, post(), 2_000, undefined, true);
    } finally {
      global[key] = real;
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ headersTimeout: 3_000, bodyTimeout: 3_000, body: '{}' });
  });
});

describe('with any other fetch', () => {
  test('the attempt has its own AbortSignal, which cancels it when the timer fires', async () => {
    const init = post();
    const start = performance.now();
    await expect(
      sendAttempt((url, i) => fetch(url, i), `${baseUrl}/hang`, init, 300, undefined, false),
    ).rejects.toBe(ATTEMPT_TIMEOUT);
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(init.signal!.reason).toBe(ATTEMPT_TIMEOUT);
    expect(await allClosed(start, 1_000)).toBeLessThan(1_000);
  });

  test('a redirect is its 3xx answer, not followed', async () => {
    const init = post();
    const [response] = await sendAttempt(
      (url, i) => fetch(url, i),
      `${baseUrl}/redirect`,
      init,
      1_000,
      undefined,
      false,
    );
    expect(response.status).toBe(302);
    expect(init.redirect).toBe('manual');
  });

  test("the caller's signal aborts it", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await sendAttempt(
      (url, i) => fetch(url, i),
      `${baseUrl}/hang`,
      post(),
      5_000,
      controller.signal,
      false,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});

describe('through the client', () => {
  const client = (extra: { fetch?: typeof fetch; baseUrl?: string } = {}) =>
    createCrmGatewayClient({
      baseUrl,
      tenantId: 'tenant1',
      auth: { tokenUrl: `${baseUrl}/token`, clientId: 'c', username: 'u', password: 'p' },
      timeoutMs: 300,
      maxRetries: 0,
      ...extra,
    });

  test.each([
    ["Node's own fetch", {}],
    ['a fetch of its own', { fetch: ((url, init) => fetch(url, init)) as typeof fetch }],
  ])('with %s, a gateway that never answers is a TimeoutError on time', async (_, extra) => {
    const start = performance.now();
    const error = await client(extra)
      .api.GET('/hang' as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(performance.now() - start).toBeLessThan(1_500);
    await allClosed(start, 4_000);
  });

  test.each([
    ["Node's own fetch", {}, 0],
    ['a fetch of its own', { fetch: ((url, init) => fetch(url, init)) as typeof fetch }, 302],
  ])('with %s, a redirect is a ServerError, sent once and never followed', async (_, extra, status) => {
    redirects = 0;
    const error = await client({ ...extra, baseUrl: `${baseUrl}/redirect` })
      .entitlements.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status });
    expect(redirects).toBe(1);
  });

  test('an abort by the caller is an AbortError', async () => {
    const error = await client()
      .api.GET('/hang' as never, { signal: AbortSignal.timeout(100) } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
  });
});
