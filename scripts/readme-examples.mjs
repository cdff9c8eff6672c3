// README examples are real files: a README shows `<!-- example: examples/portal.ts -->` followed by a fenced block,
// and that block must equal the file (compiled in strict mode and run by packages/packaging's tests).
//   node scripts/readme-examples.mjs           checks every package README (exit 1 on drift)
//   node scripts/readme-examples.mjs --write   rewrites each block from its file
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const MARKER = /<!-- example: (\S+) -->\n\n?```(\w+)\n([\s\S]*?)```/g;

/** The package READMEs and the docs (`docs/*.md`). */
function markdownFiles() {
  const files = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const readme = join(root, group, entry.name, 'README.md');
      if (entry.isDirectory() && existsSync(readme)) files.push(readme);
    }
  }
  for (const entry of readdirSync(join(root, 'docs'))) {
    if (entry.endsWith('.md')) files.push(join(root, 'docs', entry));
  }
  return files;
}

/** Every example of the package READMEs and the docs: `{ readme, file, block, source }` (paths absolute). */
export function readmeExamples() {
  const found = [];
  for (const readme of markdownFiles()) {
    {
      const text = readFileSync(readme, 'utf8');
      for (const match of text.matchAll(MARKER)) {
        const file = join(readme, '..', match[1]);
        found.push({
          readme,
          file,
          block: match[3],
          source: existsSync(file) ? readFileSync(file, 'utf8') : undefined,
        });
      }
    }
  }
  return found;
}

/** The README examples that differ from their file, as readable lines. */
export function readmeExampleDrift() {
  return readmeExamples()
    .filter((example) => example.block !== example.source)
    .map(
      (example) =>
        `${relative(root, example.readme)}: the example block differs from ${relative(root, example.file)}` +
        (example.source === undefined ? ' (no such file)' : ''),
    );
}

function write() {
  const readmes = new Set(readmeExamples().map((example) => example.readme));
  for (const readme of readmes) {
    const dir = join(readme, '..');
    const text = readFileSync(readme, 'utf8');
    const next = text.replace(MARKER, (_all, path, lang) => {
      const source = readFileSync(join(dir, path), 'utf8');
      return `<!-- example: ${path} -->\n\n\`\`\`${lang}\n${source}\`\`\``;
    });
    if (next !== text) writeFileSync(readme, next);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--write')) write();
  const drift = readmeExampleDrift();
  for (const line of drift) console.error(line);
  process.exit(drift.length ? 1 : 0);
}
