import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('bench (reduced smoke, not timed)', () => {
  it('runs both routes against the stub upstream and prints the comparison', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['bench/purchase-bench.mjs', '--duration', '1', '--rounds', '1', '--connections', '2'],
      { cwd: packageDir, timeout: 60_000 },
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(report).toMatchObject({
      handWrittenRequestsPerSec: expect.any(Number),
      pluginRequestsPerSec: expect.any(Number),
      ratio: expect.any(Number),
      cpuRatio: expect.any(Number),
    });
    expect(report.pluginRequestsPerSec).toBeGreaterThan(0);
    expect(report.handWrittenRequestsPerSec).toBeGreaterThan(0);
  });
});
