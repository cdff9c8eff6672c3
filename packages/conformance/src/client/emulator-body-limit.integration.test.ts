import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postStream } from '../fixtures/stream-upload.js';

// The emulator in its own process (its CLI), so its memory is measured alone: /proc/<pid>/status gives the
// resident set (VmRSS) and its peak (VmHWM).

const MiB = 1024 * 1024;
let child: ChildProcess;
let tokenUrl: string;
let url: string;

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@crm-gateway/emulator/package.json'));
  child = spawn(process.execPath, [join(root, 'dist/cli.js'), '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = JSON.parse(
    await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)),
  ) as { url: string; tokenUrl: string };
  ({ url, tokenUrl } = ready);
});
afterAll(() => {
  child.kill();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('emulator body limits over real HTTP (emulator CLI in its own process)', () => {
  test('a 300 MiB chunked upload to the token endpoint: 413 with an OAuth error, RSS growth < 50 MiB', async () => {
    // Warm up: one ordinary token request, then the baseline.
    const warm = await fetch(tokenUrl, {
      method: 'POST',
      headers: FORM,
      body: 'grant_type=password&client_id=crm_client&username=crm_client_user&password=crm-client-password',
    });
    expect(warm.status).toBe(200);
    const before = memoryOf(child.pid!);
    const answer = await postStream(tokenUrl, FORM, 300 * MiB);
    const after = memoryOf(child.pid!);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'invalid_request' });
    const growth = after.peak - Math.max(before.rss, 0);
    console.info(
      `token endpoint, 300 MiB chunked upload: 413 after ${answer.elapsedMs} ms; ` +
        `${(answer.generated / MiB).toFixed(1)} MiB generated before the answer; emulator RSS ` +
        `${(before.rss / MiB).toFixed(1)} MiB before, peak ${(after.peak / MiB).toFixed(1)} MiB after ` +
        `(growth ${(growth / MiB).toFixed(1)} MiB)`,
    );
    expect(growth).toBeLessThan(50 * MiB);
    // The read was abandoned: far less than the upload went through before the answer.
    expect(answer.generated).toBeLessThan(100 * MiB);
    // The emulator still answers.
    const again = await fetch(`${url}/__emulator/health`);
    expect(again.status).toBe(200);
  });

  test('a 300 MiB chunked purchase body to the gateway: 413 PAYLOAD_TOO_LARGE, RSS growth < 50 MiB', async () => {
    const token = (await (
      await fetch(tokenUrl, {
        method: 'POST',
        headers: FORM,
        body: 'grant_type=password&client_id=crm_client&username=crm_client_user&password=crm-client-password',
      })
    ).json()) as { access_token: string };
    const before = memoryOf(child.pid!);
    const answer = await postStream(
      `${url}/crm-gateway/v2/rmg/v1/entitlements`,
      {
        authorization: `Bearer ${token.access_token}`,
        'nv-tenant-id': 'tenant1',
        'x-correlation-id': 'upload-1',
        'content-type': 'application/json',
      },
      300 * MiB,
      ' ',
    );
    const after = memoryOf(child.pid!);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ resultCode: 'PAYLOAD_TOO_LARGE', requestId: 'upload-1' });
    expect(after.peak - before.rss).toBeLessThan(50 * MiB);
  });
});
