import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startEmulator } from './start-emulator.js';

describe('the emulator server', () => {
  it('disconnects a client that never finishes its headers (headersTimeoutMs), with a 408', async () => {
    const emulator = await startEmulator({ headersTimeoutMs: 300 });
    try {
      const { port, hostname } = new URL(emulator.url);
      const started = Date.now();
      let answer = '';
      const closedAfter = await new Promise<number>((resolve, reject) => {
        const socket = connect(Number(port), hostname, () =>
          socket.write(
            'POST /keycloak/auth/realms/nagra/protocol/openid-connect/token HTTP/1.1\r\nHost: slow\r\n',
          ),
        );
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        socket.on('close', () => resolve(Date.now() - started));
        socket.on('error', () => undefined);
        setTimeout(() => reject(new Error('the stalled socket was kept open')), 5_000).unref();
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(closedAfter).toBeLessThan(5_000);
    } finally {
      await emulator.close();
    }
  });

  it.each([0, -1, Number.NaN])('refuses headersTimeoutMs %s', async (headersTimeoutMs) => {
    await expect(startEmulator({ headersTimeoutMs })).rejects.toThrow(/headersTimeoutMs/);
  });
});
