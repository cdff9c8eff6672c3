// pnpm spec:update end to end: the real CLI (spawned), the real Redocly lint and the real api-smart-diff, on
// temporary copies of this repository's spec, workspace manifests and generated files. `pnpm generate`,
// the type-check and the rebuild are replaced by small commands (SPEC_UPDATE_*_CMD) so the replace path and
// the "type-check fails → everything restored" path run in seconds; the real commands were run by hand.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { bumpFor, diffSpecs } from './diff.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const cli = join(here, 'cli.mjs');
const SPEC = 'openapi/crm-gateway.yaml';
const specText = readFileSync(join(repo, SPEC), 'utf8');

const temps = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary repository: the spec, lint config, workspace manifests and the real generated files. */
function makeRepo() {
  const root = mkdtempSync(join(tmpdir(), 'spec-update-'));
  temps.push(root);
  for (const file of [SPEC, 'redocly.yaml', 'pnpm-workspace.yaml', '.changeset/config.json']) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(repo, file), join(root, file));
  }
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(repo, group))) {
      const dir = join(group, name);
      if (!existsSync(join(repo, dir, 'package.json'))) continue;
      mkdirSync(join(root, dir), { recursive: true });
      cpSync(join(repo, dir, 'package.json'), join(root, dir, 'package.json'));
      if (existsSync(join(repo, dir, 'src/generated'))) {
        cpSync(join(repo, dir, 'src/generated'), join(root, dir, 'src/generated'), { recursive: true });
      }
    }
  }
  // Stand-in for `pnpm generate`: rewrites a generated file from the spec and adds a new one.
  writeFileSync(
    join(root, 'fake-generate.mjs'),
    `import { readFileSync, writeFileSync } from 'node:fs';
const spec = readFileSync('${SPEC}', 'utf8');
writeFileSync('packages/client/src/generated/schema.ts', '// generated from ' + spec.length + ' bytes\\n');
writeFileSync('packages/client/src/generated/new-file.ts', 'export {};\\n');
`,
  );
  return root;
}

/** Every file of `root` (but the stand-in scripts and markers) with its content. */
function tree(root) {
  const files = {};
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!['fake-generate.mjs', 'rebuilt'].includes(entry.name))
        files[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return files;
}

/** Writes the repository's spec changed by `change(spec)` to a file of its own; returns its path. */
function variant(change) {
  const dir = mkdtempSync(join(tmpdir(), 'spec-variant-'));
  temps.push(dir);
  const spec = parse(specText);
  change?.(spec);
  const file = join(dir, 'new-spec.yaml');
  writeFileSync(file, change ? stringify(spec, { lineWidth: 0 }) : specText);
  return file;
}

const PASS = 'node -e "process.exit(0)"';
const FAIL = 'node -e "console.error(\'TS2339: simulated type error\'); process.exit(1)"';

function run(root, args, env = {}) {
  const result = spawnSync(process.execPath, [cli, ...args, '--root', root], {
    encoding: 'utf8',
    env: {
      ...process.env,
      SPEC_UPDATE_GENERATE_CMD: 'node fake-generate.mjs',
      SPEC_UPDATE_TYPECHECK_CMD: PASS,
      SPEC_UPDATE_REBUILD_CMD: "node -e \"require('fs').writeFileSync('rebuilt', '')\"",
      ...env,
    },
  });
  const lines = result.stdout.trim().split('\n');
  let json;
  try {
    json = JSON.parse(lines.at(-1));
  } catch {
    json = undefined;
  }
  return { ...result, json };
}

const schemas = (spec) => spec.components.schemas;
const cases = {
  'no change': { file: () => variant(), change: 'none', bump: 'none' },
  'a new optional response field': {
    file: () =>
      variant((spec) => {
        schemas(spec).EntitlementCreated.properties.createdAt = { type: 'string', format: 'date-time' };
      }),
    change: 'additive',
    bump: 'patch',
    mentions: 'createdAt',
  },
  'a new operation': {
    file: () =>
      variant((spec) => {
        spec.paths['/crm-gateway/v2/rmg/v1/products'] = {
          get: {
            operationId: 'listProducts',
            tags: ['Entitlements'],
            summary: 'List products',
            description: 'Lists the products an account can buy.',
            parameters: [{ $ref: '#/components/parameters/CorrelationId' }],
            responses: {
              200: {
                description: 'The products.',
                content: { 'application/json': { schema: { type: 'array' } } },
              },
              400: { $ref: '#/components/responses/BadRequest' },
            },
          },
        };
      }),
    change: 'additive',
    bump: 'patch',
    mentions: 'GET /crm-gateway/v2/rmg/v1/products',
  },
  'a removed operation': {
    file: () =>
      variant((spec) => delete spec.paths['/tpes/v1/operator/entitlements/{entitlementId}/actions/revoke']),
    change: 'breaking',
    bump: 'minor',
    mentions: 'revoke',
  },
  'a removed response field': {
    file: () =>
      variant((spec) => {
        // A required one: list records (EntitlementProjection) require only `_id` since `fields` projects them, and
        // the library counts removing an optional response field as non-breaking.
        delete schemas(spec).UpdateResult.properties.modifiedCount;
        schemas(spec).UpdateResult.required = ['matchedCount'];
      }),
    change: 'breaking',
    bump: 'minor',
    mentions: 'modifiedCount',
  },
  'a newly required request field': {
    file: () =>
      variant((spec) => {
        const create = schemas(spec).ThirdPartyEntitlementCreate;
        create.properties.channel = { type: 'string' };
        create.required.push('channel');
      }),
    change: 'breaking',
    bump: 'minor',
    mentions: 'channel',
  },
};

describe('spec:update --dry-run classifies and changes no file', () => {
  for (const [name, expected] of Object.entries(cases)) {
    it(name, () => {
      const root = makeRepo();
      const before = tree(root);
      const { status, json, stdout, stderr } = run(root, [expected.file(), '--dry-run']);
      expect(status, stderr).toBe(0);
      expect(json).toMatchObject({ change: expected.change, bump: expected.bump });
      expect(Object.keys(json).sort()).toEqual(['additive', 'breaking', 'bump', 'change']);
      const listed = expected.change === 'breaking' ? json.breaking : json.additive;
      if (expected.change === 'none') expect([...json.breaking, ...json.additive]).toEqual([]);
      else expect(listed.join('\n')).toContain(expected.mentions);
      if (expected.change === 'additive') expect(json.breaking).toEqual([]);
      expect(stdout).toContain('API changelog');
      expect(tree(root)).toEqual(before);
      expect(existsSync(join(root, 'rebuilt'))).toBe(false);
    });
  }
});

describe('spec:update applies a spec', () => {
  it('replaces the spec, regenerates, type-checks and writes a changeset for every affected package', () => {
    const root = makeRepo();
    const { status, json, stdout, stderr } = run(root, [cases['a newly required request field'].file()]);
    expect(status, stderr).toBe(0);
    expect(json).toMatchObject({ change: 'breaking', bump: 'minor' });
    const spec = parse(readFileSync(join(root, SPEC), 'utf8'));
    expect(spec.components.schemas.ThirdPartyEntitlementCreate.required).toContain('channel');
    expect(readFileSync(join(root, 'packages/client/src/generated/schema.ts'), 'utf8')).toMatch(
      /generated from/,
    );
    const changesets = readdirSync(join(root, '.changeset')).filter((f) => f.startsWith('spec-update-'));
    expect(changesets).toHaveLength(1);
    const changeset = readFileSync(join(root, '.changeset', changesets[0]), 'utf8');
    const front = changeset.split('---')[1];
    for (const name of ['client', 'emulator', 'express-plugin', 'hono-plugin']) {
      expect(front).toMatch(new RegExp(`['"]@crm-gateway/${name}['"]: minor`));
    }
    expect(front).not.toContain('demo');
    expect(changeset).toContain('channel');
    expect(stdout).toContain(`wrote .changeset/${changesets[0]}`);
  });

  it('a documentation-only change replaces the spec and writes no changeset', () => {
    const root = makeRepo();
    const file = variant((spec) => {
      spec.info.contact = { name: 'CRM Gateway SDK maintainers', url: 'https://example.invalid/' };
    });
    const { status, json, stderr } = run(root, [file]);
    expect(status, stderr).toBe(0);
    expect(json).toEqual({ change: 'none', bump: 'none', breaking: [], additive: [] });
    expect(parse(readFileSync(join(root, SPEC), 'utf8')).info.contact.name).toBe(
      'CRM Gateway SDK maintainers',
    );
    expect(readdirSync(join(root, '.changeset')).some((f) => f.startsWith('spec-update-'))).toBe(false);
  });

  it('a type-check failure restores the spec and every generated file and writes no changeset', () => {
    const root = makeRepo();
    const before = tree(root);
    const { status, stderr } = run(root, [cases['a removed operation'].file()], {
      SPEC_UPDATE_TYPECHECK_CMD: FAIL,
    });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/FAILED: the type-check .* fails with the new spec/);
    expect(stderr).toContain('simulated type error');
    expect(tree(root)).toEqual(before); // new-file.ts removed, schema.ts and the spec back, no changeset
    expect(existsSync(join(root, 'rebuilt'))).toBe(true); // build output brought back to the old spec
  });

  it('a generate failure restores everything too', () => {
    const root = makeRepo();
    const before = tree(root);
    const { status, stderr } = run(root, [cases['a new operation'].file()], {
      SPEC_UPDATE_GENERATE_CMD: 'node fake-generate.mjs && exit 3',
    });
    expect(status).not.toBe(0);
    expect(stderr).toContain('`pnpm generate` failed');
    expect(tree(root)).toEqual(before);
  });

  it('a spec that fails lint exits non-zero, names the problem and changes nothing', () => {
    const root = makeRepo();
    const before = tree(root);
    const file = variant((spec) => {
      delete spec.info.title;
      spec.paths['/crm-gateway/v1/rmg/v1/entitlements'].get.responses = {};
    });
    const { status, stderr, json } = run(root, [file]);
    expect(status).not.toBe(0);
    expect(json).toBeUndefined();
    expect(stderr).toContain('fails the spec lint');
    expect(stderr).toContain('title');
    expect(tree(root)).toEqual(before);
    expect(existsSync(join(root, 'rebuilt'))).toBe(false);
  });
});

describe('classification details', () => {
  it('maps changes to bumps: 0.x breaking → minor, additive → patch; from 1.0 major / minor', () => {
    expect(bumpFor('breaking', '0.3.1')).toBe('minor');
    expect(bumpFor('additive', '0.3.1')).toBe('patch');
    expect(bumpFor('breaking', '1.2.0')).toBe('major');
    expect(bumpFor('additive', '1.2.0')).toBe('minor');
    expect(bumpFor('none', '1.2.0')).toBe('none');
  });

  it('counts a webhook payload change as breaking (the library does not know the webhook direction)', () => {
    const spec = parse(specText);
    const notification = spec.components.schemas.EntitlementChangeNotification;
    notification.required = notification.required.filter((f) => f !== 'occurredAt');
    const result = diffSpecs(specText, stringify(spec));
    expect(result.change).toBe('breaking');
    expect(result.breaking.join('\n')).toContain('EntitlementChangeNotification');
  });

  it('reports a schema change once, at the operations that use it', () => {
    const spec = parse(specText);
    spec.components.schemas.EntitlementCreated.properties.createdAt = { type: 'string' };
    const result = diffSpecs(specText, stringify(spec));
    expect(result.additive).toHaveLength(1);
    expect(result.additive[0]).toMatch(/^POST \/crm-gateway\/v2\/rmg\/v1\/entitlements: .*createdAt/);
  });
});
