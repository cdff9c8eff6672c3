import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { publicPackages, repoRoot, run } from '../packages.js';
import { freePort, startRegistry, type Registry } from './verdaccio.js';

// The packages as a portal team installs them: published with `changeset publish` to a Verdaccio on loopback,
// installed with npm into fresh projects outside the workspace from that registry only, compiled and run.

const here = join(import.meta.dirname, '..', '..');
const fixtures = join(here, 'fixtures');
const registryCache = join(here, 'node_modules', '.cache', 'verdaccio');
const packages = publicPackages();
const versionOf = (name: string) => packages.find((pkg) => pkg.name === name)!.version;

/** The environment without what pnpm or npm put there for the outer run (registry, user config, workspace). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_|PNPM_)/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

/** Resolves once `condition()` holds, or throws with the child's output. */
async function until(
  condition: () => boolean,
  output: () => string,
  timeoutMs = 20_000,
  exitCode: () => number | null = () => null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (exitCode() !== null) throw new Error(`exited with ${exitCode()}; output:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`condition not met in time; output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface Started {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

function start(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Started {
  // Its own process group, so npx and the emulator under it stop together.
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          child.kill();
        }
      }
      await exited;
    },
  };
}

/**
 * The CommonJS apps run without `require(esm)` (Node 20.19+ has it on by default; 20.0–20.18 do not), so a CommonJS
 * build that `require`s an ESM-only package fails here: `engines: ">=20"` holds for every Node 20.
 */
const NO_REQUIRE_ESM = ['--no-experimental-require-module'];

let registry: Registry;
let project: string;
let npxDir: string;
let emulator: Started | undefined;
let opf: { url: string; adminUrl: string };
const startedAt = Date.now();

beforeAll(async () => {
  registry = await startRegistry(registryCache);
  const work = mkdtempSync(join(tmpdir(), 'crm-gateway-registry-'));
  project = join(work, 'project');
  npxDir = join(work, 'npx');
  const userconfig = join(work, 'publisher.npmrc');
  writeFileSync(userconfig, registry.npmrc);

  // 1. Publish every public package exactly as `pnpm release` does.
  await run('pnpm', ['exec', 'changeset', 'publish', '--no-git-tag'], {
    cwd: repoRoot,
    env: cleanEnv({ npm_config_userconfig: userconfig, npm_config_registry: registry.url }),
  });

  // 2. One install for all the projects (each folder below has its own package.json `type` and tsconfig).
  cpSync(fixtures, project, { recursive: true });
  cpSync(
    join(repoRoot, 'packages/express-plugin/examples/portal.ts'),
    join(project, 'esm-express/portal.ts'),
  );
  for (const dir of ['cjs-commonjs', 'cjs-node16']) {
    cpSync(join(project, 'cjs-portal.ts'), join(project, dir, 'portal.ts'));
  }
  const npmrc = `registry=${registry.url}\n`;
  writeFileSync(join(project, '.npmrc'), npmrc);
  const dependencies = Object.fromEntries(packages.map((pkg) => [pkg.name, pkg.version]));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'registry-install-test',
      private: true,
      dependencies: {
        ...dependencies,
        express: '5.3.0',
        hono: '4.13.19',
        '@hono/node-server': '2.1.9',
        redis: '6.3.1',
      },
      devDependencies: { typescript: '5.9.3', '@types/express': '5.0.6', '@types/node': '20.19.43' },
    }),
  );
  // A fresh npm cache for the run: every tarball comes through the registry (and npx cannot reuse an earlier run's
  // install of the same version). Verdaccio's storage keeps third-party tarballs between runs.
  const npmCache = join(work, 'npm-cache');
  const env = cleanEnv({
    npm_config_registry: registry.url,
    npm_config_userconfig: join(project, '.npmrc'),
    npm_config_cache: npmCache,
  });
  // Third-party packages come through Verdaccio's uplink: a metadata request it loses on a cold start (seen once as
  // `express@undefined` in ERESOLVE) is a network hiccup, not a packaging problem, so the install is tried 3 times.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await run('npm', ['install', '--no-audit', '--no-fund', '--registry', registry.url], {
        cwd: project,
        env,
      });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }

  // 3. The emulator, as every quick start starts it: npx from an empty folder, through the registry.
  cpSync(join(project, '.npmrc'), join(npxDir, '.npmrc'));
  const port = await freePort();
  emulator = start(
    'npx',
    ['--yes', `@crm-gateway/emulator@${versionOf('@crm-gateway/emulator')}`, '--port', String(port)],
    npxDir,
    cleanEnv({
      npm_config_registry: registry.url,
      npm_config_userconfig: join(npxDir, '.npmrc'),
      npm_config_cache: npmCache,
    }),
  );
  await until(
    () => emulator!.output().includes('"url"'),
    emulator.output,
    120_000,
    () => emulator!.child.exitCode,
  );
  const line = emulator
    .output()
    .split('\n')
    .find((l) => l.startsWith('{'))!;
  opf = JSON.parse(line) as { url: string; adminUrl: string };
}, 240_000);

afterAll(async () => {
  await emulator?.stop();
  await registry?.close();
  if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  console.log(`registry install test: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
});

/** Runs a built portal, buys through its route, and waits for the emulator's notification to reach it. */
async function buyThrough(dir: string, entry: string, nodeArgs: string[] = []): Promise<string> {
  const port = await freePort();
  const portal = start(
    process.execPath,
    [...nodeArgs, entry],
    join(project, dir),
    cleanEnv({ OPF_URL: opf.url, PORT: String(port) }),
  );
  try {
    await until(
      () => portal.output().includes('portal on'),
      portal.output,
      20_000,
      () => portal.child.exitCode,
    );
    // Each portal buys the same product for the same account: start from the emulator's seed.
    expect((await fetch(`${opf.adminUrl}/reset`, { method: 'POST' })).status).toBe(200);
    const hook = await fetch(`${opf.adminUrl}/notification-url`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/opf/notifications` }),
    });
    expect(hook.status).toBe(200);
    const response = await fetch(`http://127.0.0.1:${port}/api/purchases`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      body: JSON.stringify({ productId: 'Netflix_EU_B_BUNDLE_BASIC' }),
    });
    const body = (await response.json()) as { entitlementId: string };
    expect(response.status, JSON.stringify(body)).toBe(201);
    await until(
      () => portal.output().includes(`entitlement ${body.entitlementId} is now PENDING`),
      portal.output,
    );
    return portal.output();
  } finally {
    await portal.stop();
  }
}

async function tsc(dir: string): Promise<void> {
  const result = await run(join(project, 'node_modules/.bin/tsc'), ['-p', join(project, dir)]).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  expect(`${result.stdout}${result.stderr}`).toBe('');
}

describe('installed from a registry, as a portal team installs them', () => {
  test('published manifests name real versions, and the packages are real folders from the registry', async () => {
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string; link?: boolean }>;
    };
    for (const pkg of packages) {
      const folder = join(project, 'node_modules', pkg.name);
      expect(lstatSync(folder).isSymbolicLink(), pkg.name).toBe(false);
      const manifest = readFileSync(join(folder, 'package.json'), 'utf8');
      expect(manifest).not.toContain('workspace:');
      const locked = lock.packages[`node_modules/${pkg.name}`]!;
      expect(locked.link).toBeUndefined();
      expect(locked.resolved).toMatch(new RegExp(`^${registry.url}`));
    }
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path) expect(entry.resolved ?? '', path).toMatch(new RegExp(`^${registry.url}`));
    }
    expect(readdirSync(join(project, 'node_modules', '@crm-gateway')).sort()).toEqual(
      packages.map((pkg) => pkg.name.slice('@crm-gateway/'.length)).sort(),
    );
    expect(project.startsWith(repoRoot)).toBe(false);
  });

  test('npx @crm-gateway/emulator serves the gateway', async () => {
    expect(opf.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${opf.adminUrl}/state`)).status).toBe(200);
  });

  test('an ESM TypeScript Express portal (the README example; nodenext, strict, tsc clean) buys and is notified', async () => {
    await tsc('esm-express');
    await buyThrough('esm-express', 'dist/portal.js');
  });

  test('a NestJS-style CommonJS TypeScript portal (module: commonjs) loads the CommonJS builds, buys and is notified', async () => {
    await tsc('cjs-commonjs');
    const output = await buyThrough('cjs-commonjs', 'dist/portal.js', NO_REQUIRE_ESM);
    expect(output).toMatch(
      /loaded \S+\/node_modules\/@crm-gateway\/express-plugin\/dist\/index\.cjs \S+\/node_modules\/@crm-gateway\/client\/dist\/index\.cjs/,
    );
  });

  test('the same portal with module: node16 compiles (no TS1479), buys and is notified', async () => {
    await tsc('cjs-node16');
    const output = await buyThrough('cjs-node16', 'dist/portal.js', NO_REQUIRE_ESM);
    expect(output).toContain('/node_modules/@crm-gateway/express-plugin/dist/index.cjs');
  });

  test('a CommonJS Hono app loads one copy of hono, buys and is notified', async () => {
    const output = await buyThrough('cjs-hono', 'portal.cjs', NO_REQUIRE_ESM);
    expect(output).toContain('hono: router instanceof Hono true, copies 1, all CommonJS true');
    expect(output).toContain('/node_modules/@crm-gateway/hono-plugin/dist/index.cjs');
  });
});
