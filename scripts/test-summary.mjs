// Adds up the vitest JSON reports that every workspace package writes to .vitest/results.json and prints
// one closing line, "Tests: N passed, N failed[, N skipped]", so a whole `pnpm test` has a single summary.
// Exits 1 when a report is missing, a test failed, or no test ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packageDirs = ['packages', 'apps', 'tools'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, group, entry.name)),
);

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const dir of packageDirs) {
  const report = join(dir, '.vitest/results.json');
  if (!existsSync(report)) {
    problems.push(`no test report in ${dir.slice(root.length)}`);
    continue;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  skipped += json.numPendingTests + json.numTodoTests;
  console.log(
    `${dir.slice(root.length).padEnd(26)} ${json.numPassedTests} passed, ${json.numFailedTests} failed`,
  );
}
for (const problem of problems) console.error(problem);
const line = `Tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
console.log(line);
if (failed > 0 || passed === 0 || problems.length > 0) process.exitCode = 1;
