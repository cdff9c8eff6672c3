/**
 * Test-only: the reduced, non-timed smoke of a framework plugin's benchmark (not part of the client's public
 * entry). It runs the command of the package's `bench` script (the shared runner in bench/plugin-route/ at the
 * repository root) with one short round of two small windows per route.
 * @internal
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** Which plugin's benchmark to run. */
export interface BenchSmokeOptions {
  /** The plugin's package folder (its package.json has the `bench` script, run from there). */
  packageDir: string;
}

/**
 * Registers the bench smoke: both routes answer against the stub upstream and the report (the last stdout
 * line, JSON) carries the comparison. Asserts no speed.
 *
 * @example
 * runBenchSmoke({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
 */
export function runBenchSmoke({ packageDir }: BenchSmokeOptions): void {
  describe('bench (reduced smoke, not timed)', () => {
    it('runs both routes against the stub upstream and prints the comparison', async () => {
      const manifest = JSON.parse(readFileSync(`${packageDir}/package.json`, 'utf8')) as {
        name: string;
        scripts: { bench: string };
      };
      const [command, ...args] = manifest.scripts.bench.split(/\s+/);
      expect(command).toBe('node');
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          ...args,
          '--rounds',
          '1',
          '--windows',
          '2',
          '--requests',
          '20',
          '--warmup',
          '100',
          '--connections',
          '2',
        ],
        { cwd: packageDir, timeout: 60_000 },
      );
      const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
      expect(report).toMatchObject({
        bench: `${manifest.name} purchase route`,
        handWrittenRequestsPerSec: expect.any(Number),
        pluginRequestsPerSec: expect.any(Number),
        ratio: expect.any(Number),
        throughputRatio: expect.any(Number),
        cpuRatio: expect.any(Number),
        quietWindows: { of: 2 },
      });
      expect(report.pluginRequestsPerSec).toBeGreaterThan(0);
      expect(report.handWrittenRequestsPerSec).toBeGreaterThan(0);
    });
  });
}
