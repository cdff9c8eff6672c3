import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../scripts/generate.mjs', import.meta.url));
const committed = fileURLToPath(new URL('./operations.json', import.meta.url));

describe('generate / generate:check', () => {
  it('the committed operations.json is what the spec generates', async () => {
    const { stdout } = await run(process.execPath, [script, '--check']);
    expect(stdout).toContain('up to date');
  });

  it('a stale file fails the check with a message to run pnpm generate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-generate-'));
    const stale = join(dir, 'operations.json');
    const text = await readFile(committed, 'utf8');
    await writeFile(stale, text.replace('"minLength": 1', '"minLength": 2'));
    const failure = await run(process.execPath, [script, '--check', '--out', stale]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('Run `pnpm generate`');
    await run(process.execPath, [script, '--out', stale]);
    expect(await readFile(stale, 'utf8')).toBe(text);
  });
});
