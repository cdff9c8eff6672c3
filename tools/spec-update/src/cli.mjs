#!/usr/bin/env node
// pnpm spec:update FILE [--dry-run] [--root DIR]
//
// Takes a new CRM Gateway spec from OPF and, in order: lints it (Redocly, the repository's redocly.yaml),
// diffs it against openapi/crm-gateway.yaml (api-smart-diff), prints an API changelog and classifies the
// change as breaking / additive / none. Without --dry-run it then replaces the spec (prettier-formatted),
// regenerates (`pnpm generate`), type-checks every package and the demo (`turbo run typecheck`) and writes
// a changeset. Any failure restores every file it touched (spec, generated files) and exits non-zero.
// The last line of standard output is one JSON object:
//   {"change":"breaking|additive|none","bump":"major|minor|patch|none","breaking":[…],"additive":[…]}
//
// Options and environment:
//   --root DIR / SPEC_UPDATE_ROOT         repository to update (default: the one this file is in)
//   SPEC_UPDATE_GENERATE_CMD              default `pnpm exec turbo run generate --output-logs=errors-only`
//   SPEC_UPDATE_TYPECHECK_CMD             default `pnpm exec turbo run typecheck --output-logs=errors-only`
//   SPEC_UPDATE_REBUILD_CMD               run after a restore, so build output matches the old spec again;
//                                         default `pnpm exec turbo run build --output-logs=errors-only`
// The commands run in the repository root through the shell; their output goes to standard error.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { parse } from 'yaml';
import { bumpFor, diffSpecs } from './diff.mjs';
import { affectedPackages, clientVersion, filesUnder, generatedDirs } from './workspace.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SPEC = 'openapi/crm-gateway.yaml';
const DEFAULTS = {
  generate: 'pnpm exec turbo run generate --output-logs=errors-only',
  typecheck: 'pnpm exec turbo run typecheck --output-logs=errors-only',
  rebuild: 'pnpm exec turbo run build --output-logs=errors-only',
};

class Failure extends Error {}

function parseArgs(argv, env) {
  const options = { dryRun: false, root: env.SPEC_UPDATE_ROOT, file: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--root') options.root = argv[++i];
    else if (arg.startsWith('--root=')) options.root = arg.slice('--root='.length);
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg.startsWith('--')) throw new Failure(`unknown option ${arg}`);
    else if (!options.file) options.file = arg;
    else throw new Failure(`unexpected argument ${arg}`);
  }
  options.root = resolve(options.root ?? join(here, '../../..'));
  return options;
}

const childEnv = (env) => ({
  ...env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  TURBO_TELEMETRY_DISABLED: '1',
});

/** Runs a shell command in `cwd`, its output on our standard error; returns its exit status. */
function sh(command, cwd, env) {
  const result = spawnSync(command, {
    cwd,
    env: childEnv(env),
    shell: true,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  return result.status ?? 1;
}

/** Redocly lint with the repository's config, as `pnpm lint:spec` runs it; resolves to `{ ok, output }`. */
function lint(file, root, env) {
  const redocly = join(here, '../node_modules/.bin/redocly');
  const config = join(root, 'redocly.yaml');
  const args = ['lint', file, '--format=stylish', ...(existsSync(config) ? ['--config', config] : [])];
  return new Promise((done) => {
    const child = spawn(redocly, args, { cwd: root, env: childEnv(env) });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => done({ ok: false, output: String(error) }));
    child.on('close', (code) => done({ ok: code === 0, output: output.trim() }));
  });
}

/** Snapshot of the spec and every generated file, restorable synchronously (also from a signal). */
function snapshot(root) {
  const dirs = generatedDirs(root);
  const files = new Map();
  for (const file of [join(root, SPEC), ...dirs.flatMap(filesUnder)]) files.set(file, readFileSync(file));
  return {
    restore() {
      for (const dir of dirs) {
        for (const file of filesUnder(dir)) if (!files.has(file)) rmSync(file, { force: true });
      }
      for (const [file, content] of files) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    },
  };
}

async function formatted(root, text, parser, path) {
  const config = (await prettier.resolveConfig(join(root, path))) ?? {};
  return prettier.format(text, { ...config, parser });
}

function changelog({ change, bump, breaking, additive, documentation }, packages, from, to) {
  const lines = [`API changelog: ${from} → ${to}`];
  const section = (title, list) => {
    if (!list.length) return;
    lines.push('', `${title} (${list.length}):`, ...list.map((item) => `  - ${item}`));
  };
  section('Breaking changes', breaking);
  section('Additive changes', additive);
  section('Documentation-only changes', documentation);
  if (!breaking.length && !additive.length && !documentation.length) lines.push('', 'No changes.');
  lines.push(
    '',
    `Change: ${change}; version bump: ${bump}` + (bump === 'none' ? '' : ` (${packages.join(', ')})`),
  );
  return lines.join('\n');
}

function changesetText(result, packages, versions) {
  const front = packages.map((name) => `'${name}': ${result.bump}`).join('\n');
  const list = (title, items) =>
    items.length ? `\n${title}:\n\n${items.map((i) => `- ${i}`).join('\n')}\n` : '';
  const [from, to] = versions;
  const edition = to && from !== to ? ` (info.version ${from} → ${to})` : to ? ` (info.version ${to})` : '';
  return (
    `---\n${front}\n---\n\n` +
    `OPF's CRM Gateway spec updated${edition}, a ${result.change} change applied with \`pnpm spec:update\`: ` +
    `the client's types and the emulator's checks are regenerated from it.\n` +
    list('Breaking', result.breaking) +
    list('Additive', result.additive)
  );
}

export async function main(argv, env = process.env) {
  const out = (line) => process.stdout.write(`${line}\n`);
  const err = (line) => process.stderr.write(`${line}\n`);
  let options;
  try {
    options = parseArgs(argv, env);
  } catch (error) {
    err(`spec:update: ${error.message}`);
    return 2;
  }
  if (options.help || !options.file) {
    err('usage: pnpm spec:update FILE [--dry-run] [--root DIR]');
    return options.help ? 0 : 2;
  }
  const { root, dryRun } = options;
  const file = resolve(env.INIT_CWD ?? process.cwd(), options.file);
  const specPath = join(root, SPEC);
  if (!existsSync(file)) {
    err(`spec:update: FAILED: no such file ${file}`);
    return 2;
  }

  // The lint runs in its own process while the diff is computed here.
  const linting = lint(file, root, env);
  const newText = readFileSync(file, 'utf8');
  const oldText = readFileSync(specPath, 'utf8');
  let diff;
  let diffError;
  try {
    diff = diffSpecs(oldText, newText);
  } catch (error) {
    diffError = error;
  }
  const linted = await linting;
  if (!linted.ok) {
    err(linted.output);
    err(`spec:update: FAILED: ${basename(file)} fails the spec lint (redocly); nothing changed`);
    return 1;
  }
  if (diffError) {
    err(`spec:update: FAILED: could not diff the specs: ${diffError.message}; nothing changed`);
    return 1;
  }
  const bump = bumpFor(diff.change, clientVersion(root));
  const packages = affectedPackages(root);
  const result = { change: diff.change, bump, breaking: diff.breaking, additive: diff.additive };
  const shown = relative(root, file).startsWith('..') ? file : relative(root, file);
  out(changelog({ ...diff, bump }, packages, SPEC, shown));
  const json = JSON.stringify(result);

  if (dryRun) {
    out('(dry run: no file changed)');
    out(json);
    return 0;
  }
  // Stored as prettier formats it, so `pnpm format:check` stays clean whatever layout OPF's file has.
  const specText = newText === oldText ? oldText : await formatted(root, newText, 'yaml', SPEC);
  if (specText === oldText) {
    out(`(${SPEC} already has this content: no file changed)`);
    out(json);
    return 0;
  }

  const saved = snapshot(root);
  const rebuild = () => {
    const command = env.SPEC_UPDATE_REBUILD_CMD ?? DEFAULTS.rebuild;
    if (command && sh(command, root, env) !== 0) err('spec:update: warning: rebuild after restore failed');
  };
  const onSignal = (signal) => {
    saved.restore();
    err(`spec:update: interrupted (${signal}); spec and generated files restored`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    writeFileSync(specPath, specText);
    err(`spec:update: wrote ${SPEC}; regenerating`);
    if (sh(env.SPEC_UPDATE_GENERATE_CMD ?? DEFAULTS.generate, root, env) !== 0) {
      throw new Failure('`pnpm generate` failed on the new spec');
    }
    err('spec:update: type-checking every package and the demo');
    if (sh(env.SPEC_UPDATE_TYPECHECK_CMD ?? DEFAULTS.typecheck, root, env) !== 0) {
      throw new Failure('the type-check (`turbo run typecheck`) fails with the new spec');
    }
    if (bump !== 'none') {
      const version = parse(newText)?.info?.version;
      const versions = [parse(oldText)?.info?.version, version];
      const hash = createHash('sha256').update(specText).digest('hex').slice(0, 8);
      const slug = `${version ?? 'spec'}-${hash}`.replace(/[^A-Za-z0-9.-]+/g, '-');
      const changeset = join(root, '.changeset', `spec-update-${slug}.md`);
      mkdirSync(dirname(changeset), { recursive: true });
      const text = await formatted(
        root,
        changesetText(result, packages, versions),
        'markdown',
        relative(root, changeset),
      );
      writeFileSync(changeset, text);
      out(`wrote ${relative(root, changeset)} (${bump} for ${packages.join(', ')})`);
    } else {
      out('no contract change: no changeset written (add one by hand if the documentation change matters)');
    }
    out(
      `updated ${SPEC} and the generated files; review \`git diff\` and record decisions in openapi/README.md`,
    );
    out(json);
    return 0;
  } catch (error) {
    saved.restore();
    rebuild();
    err(`spec:update: FAILED: ${error.message}; ${SPEC} and every generated file restored`);
    return 1;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
