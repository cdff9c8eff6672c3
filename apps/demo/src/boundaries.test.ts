import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from './portal/demo-users.js';
import { startDemo, type RunningDemo } from './start-demo.js';

const STACK = /\n\s+at |node_modules|\.[jt]s:\d+/;

describe.each(['express', 'hono'] as const)('the demo portal at its boundaries (%s)', (framework) => {
  let demo: RunningDemo;
  let cookie = '';
  const previousEnv = process.env['NODE_ENV'];

  beforeAll(async () => {
    // Express shows stacks on its default error page outside production: the portal must not depend on it.
    process.env['NODE_ENV'] = 'development';
    demo = await startDemo({
      framework,
      port: 0,
      emulatorPort: 0,
      timeouts: { headersMs: 500, requestMs: 2_000 },
    });
    const user = DEMO_USERS[0]!;
    const response = await fetch(`${demo.portal.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: user.username, password: user.password }),
      redirect: 'manual',
    });
    cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  });

  afterAll(async () => {
    process.env['NODE_ENV'] = previousEnv;
    await demo?.close();
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${demo.portal.url}/api${path}`, {
      ...init,
      headers: { cookie, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    });

  it.each([
    [
      'an over-limit body',
      () =>
        api('/purchases', {
          method: 'POST',
          body: JSON.stringify({ productId: 'x', pad: 'x'.repeat(70_000) }),
        }),
      413,
    ],
    // Express's router refuses to decode it (400); Hono keeps it as written: an id that names nothing (404).
    [
      'a path that is not valid percent-encoding',
      () => api('/entitlements/%E0%A4%A/activation'),
      framework === 'express' ? 400 : 404,
    ],
    [
      'a text/plain purchase (cross-site)',
      () => api('/purchases', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }),
      415,
    ],
  ])('answers %s as JSON with a code and the correlation id, never a stack', async (_label, send, status) => {
    const response = await send();
    const text = await response.text();
    expect(response.status).toBe(status);
    expect(text).not.toMatch(STACK);
    const body = JSON.parse(text) as { code?: unknown; correlationId?: unknown };
    expect(typeof body.code).toBe('string');
    expect(body.correlationId).toBe(response.headers.get('x-correlation-id'));
    expect(demo.emulator.getState().entitlements).toEqual([]);
  });

  it('disconnects a client that never finishes its headers (headersTimeout)', async () => {
    const { port, hostname } = new URL(demo.portal.url);
    const started = Date.now();
    let answer = '';
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write('GET / HTTP/1.1\r\nHost: slow\r\n'));
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', () => undefined);
      setTimeout(() => reject(new Error('the stalled socket was kept open')), 5_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfter).toBeLessThan(5_000);
  });
});
