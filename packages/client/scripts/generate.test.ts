import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const script = resolve(import.meta.dirname, 'generate.mjs');
const committed = {
  schema: resolve(import.meta.dirname, '../src/generated/schema.ts'),
  constants: resolve(import.meta.dirname, '../src/generated/constants.ts'),
};

async function check(only: keyof typeof committed, file: string): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [script, '--check', '--only', only, '--out', file]);
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

  test.each(['schema', 'constants'] as const)('passes on the committed generated %s file', async (only) => {
    expect(await check(only, committed[only])).toEqual({ code: 0, stderr: '' });
  });

  test.each([
    ['schema', "status: 'PENDING';", "status: 'PENDING' | 'ACTIVE';"],
    ['constants', "'REVOKED',\n] as const;", "'REVOKED',\n  'EXPIRED',\n] as const;"],
    ['constants', 'maxLength: 128', 'maxLength: 256'],
  ] as const)(
    'fails, telling to run pnpm generate, when the generated %s file is edited by hand (%s)',
    async (only, from, to) => {
      const edited = join(dir, `${only}.ts`);
      await copyFile(committed[only], edited);
      const text = await readFile(edited, 'utf8');
      expect(text).toContain(from);
      await writeFile(edited, text.replace(from, to));
      const result = await check(only, edited);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Run `pnpm generate`');
    },
  );

  test('fails when the generated file is missing', async () => {
    const result = await check('constants', join(dir, 'missing.ts'));
    expect(result.code).toBe(1);
  });
});
