import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

function shippedSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : shippedSources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Code only: JSDoc examples may mention `process.env`. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

describe('portal core', () => {
  it('uses Web-standard APIs only (runs on Workers): no Node built-ins, Buffer or process', () => {
    const offenders = shippedSources(here).filter((path) =>
      /from ['"]node:|require\(|\bBuffer\b|\bprocess\.|from ['"](fs|path|http|crypto|stream|url)['"]/.test(
        withoutComments(readFileSync(path, 'utf8')),
      ),
    );
    expect(offenders.map((p) => relative(here, p))).toEqual([]);
  });
});
