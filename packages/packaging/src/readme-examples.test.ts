import { spawn } from 'node:child_process';
import { rmSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startEmulator } from '@crm-gateway/emulator';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { readmeExampleDrift, readmeExamples } from '../../../scripts/readme-examples.mjs';
import { repoRoot, run } from './packages.js';

const tsc = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsc');

/** Strips the example's types and runs it with Node from its own folder (so it resolves its package by name). */
async function runExample(file: string, env: Record<string, string> = {}): Promise<string> {
  const script = join(dirname(file), `.${Date.now()}.run.mjs`);
  const source = readFileSync(file, 'utf8');
  writeFileSync(
    script,
    ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText,
  );
  try {
    const child = spawn(process.execPath, [script], {
      cwd: dirname(file),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, output).toBe(0);
    return output;
  } finally {
    rmSync(script, { force: true });
  }
}

describe('README examples', () => {
  test('every package README shows at least its quick start from a real file', () => {
    const shown = readmeExamples().map((example) => example.file.slice(repoRoot.length));
    expect(shown).toEqual(
      expect.arrayContaining([
        'packages/client/examples/quick-start.ts',
        'packages/emulator/examples/quick-start.ts',
        'packages/express-plugin/examples/portal.ts',
        'packages/hono-plugin/examples/portal.ts',
        'packages/packaging/examples/deploying.ts',
        'packages/redis/examples/token-cache.ts',
      ]),
    );
  });

  test('each README block equals its file (node scripts/readme-examples.mjs --write fixes drift)', () => {
    expect(readmeExampleDrift()).toEqual([]);
  });

  test('the examples compile in strict TypeScript (nodenext)', async () => {
    const result = await run(tsc, ['-p', join(import.meta.dirname, '..', 'tsconfig.examples.json')]).catch(
      (error: { stdout: string; stderr: string }) => ({ ...error, failed: true }),
    );
    expect(`${result.stdout}${result.stderr}`).toBe('');
  });

  test("the client's quick start runs against the emulator", async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const output = await runExample(join(repoRoot, 'packages/client/examples/quick-start.ts'), {
        OPF_URL: emulator.url,
      });
      expect(output).toContain('bought');
      expect(output).toMatch(/Netflix_EU_B_BUNDLE_BASIC (ACTIVE-ENDING|CANCELLED)/);
    } finally {
      await emulator.close();
    }
  });

  test("the emulator's quick start runs", async () => {
    const output = await runExample(join(repoRoot, 'packages/emulator/examples/quick-start.ts'));
    expect(output).toMatch(/^201 /m);
  });
});
