import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const script = resolve(import.meta.dirname, 'generate.mjs');
const committed = resolve(import.meta.dirname, '../src/generated/schema.ts');

async function check(file: string): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [script, '--check', '--out', file]);
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe('generated code drift check', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crm-gateway-drift-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('passes on the committed generated file', async () => {
    expect(await check(committed)).toEqual({ code: 0, stderr: '' });
  });

  test('fails, telling to run pnpm generate, when the generated file is edited by hand', async () => {
    const edited = join(dir, 'schema.ts');
    await copyFile(committed, edited);
    const text = await readFile(edited, 'utf8');
    await writeFile(edited, text.replace("status: 'PENDING';", "status: 'PENDING' | 'ACTIVE';"));
    const result = await check(edited);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Run `pnpm generate`');
  });

  test('fails when the generated file is missing', async () => {
    const result = await check(join(dir, 'missing.ts'));
    expect(result.code).toBe(1);
  });
});
