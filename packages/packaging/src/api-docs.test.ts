import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot, run } from './packages.js';

// `pnpm docs` builds the API reference with TypeDoc (typedoc.config.mjs, each package's typedoc.json). Here it is
// built into a temporary folder (links are only checked when pages are written) and must give no warning: no broken
// {@link}, no undocumented export, no referenced type left out.
test('the API reference builds without a warning (links, missing docs, unexported types)', async () => {
  const out = mkdtempSync(join(tmpdir(), 'crm-gateway-api-docs-'));
  try {
    const result = await run(join(repoRoot, 'node_modules/.bin/typedoc'), ['--out', out], {
      cwd: repoRoot,
    }).then(
      (ok) => ({ ...ok, failed: false }),
      (error: { stdout: string; stderr: string }) => ({ ...error, failed: true }),
    );
    const output = `${result.stdout}${result.stderr}`;
    expect(output).not.toContain('[warning]');
    expect(output).not.toContain('[error]');
    expect(result.failed, output).toBe(false);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 180_000);
