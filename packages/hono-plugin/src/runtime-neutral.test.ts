import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('runs Workers-style', () => {
  it('ships no Node-only import', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const shipped = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(shipped.sort()).toEqual(['adapter.ts', 'index.ts', 'middleware.ts']);
    const offenders = shipped.filter((f) =>
      /from ['"](node:|@hono\/node-server)|\bBuffer\b|\bprocess\./.test(readFileSync(`${dir}/${f}`, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
