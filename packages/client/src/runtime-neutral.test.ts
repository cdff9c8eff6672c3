import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const srcDir = fileURLToPath(new URL('.', import.meta.url));

/** Runtime source files of the client (tests and test helpers excluded). */
function runtimeFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      files.push(...runtimeFiles(path));
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.test-d.ts')) {
      files.push(path);
    }
  }
  return files;
}

/** Code without comments, so JSDoc examples may mention `process.env`. */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

const NODE_ONLY = [/from\s+['"]node:/, /import\(\s*['"]node:/, /\bprocess\./, /\bBuffer\b/, /\brequire\(/];

describe('the client runs where fetch and Web Crypto exist', () => {
  test('no Node-only import or global in any runtime source file', () => {
    const files = runtimeFiles(srcDir);
    expect(files.length).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const file of files) {
      const code = codeOf(readFileSync(file, 'utf8'));
      for (const pattern of NODE_ONLY) {
        if (pattern.test(code)) offenders.push(`${relative(srcDir, file)}: ${pattern}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  test('the scan catches what it is meant to catch', () => {
    expect(NODE_ONLY.some((p) => p.test(codeOf("import { createHmac } from 'node:crypto';")))).toBe(true);
    expect(NODE_ONLY.some((p) => p.test(codeOf('const x = Buffer.from("a");')))).toBe(true);
    expect(NODE_ONLY.some((p) => p.test(codeOf('if (process.env.X) {}')))).toBe(true);
    expect(NODE_ONLY.some((p) => p.test(codeOf('/** process.env.PASSWORD */ const a = 1;')))).toBe(false);
    // A guarded read (internal/runtime.ts: is the runtime's fetch undici's?) is false where there is no process.
    expect(NODE_ONLY.some((p) => p.test(codeOf('globalThis.process?.versions?.undici')))).toBe(false);
  });
});
