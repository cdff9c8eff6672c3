// Shared by every package's `generate` script: formats generated text with the repository's prettier config,
// then writes it, or (with --check) fails when the committed file differs from a fresh generation.
//   node scripts/generate.mjs            write the file
//   node scripts/generate.mjs --check    exit 1 if the committed file differs from a fresh generation
//   --out FILE                           write or compare FILE instead (used by the drift tests)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as prettier from 'prettier';

/** Formats `text` as prettier would format the file at `path` with the given parser. */
export async function formatAs(path, text, parser) {
  const config = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(text, { ...config, parser });
}

/**
 * Runs a generator's command line: `render()` returns the fresh text of `defaultOut`. Returns the exit code.
 * `label` names the output in messages ("generated client types").
 */
export async function runGenerator({ argv, defaultOut, render, label }) {
  const check = argv.includes('--check');
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? resolve(argv[outIndex + 1]) : defaultOut;
  const fresh = await render();
  if (!check) {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, fresh);
    console.log(`wrote ${out}`);
    return 0;
  }
  const committed = await readFile(out, 'utf8').catch(() => '');
  if (committed === fresh) {
    console.log(`${label} are up to date`);
    return 0;
  }
  console.error(
    `Generated code drift: ${out} differs from a fresh generation of openapi/crm-gateway.yaml.\n` +
      'Run `pnpm generate` and commit the result (never edit generated files by hand).',
  );
  return 1;
}
