import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, inject, test } from 'vitest';
import { publicPackages, run } from './packages.js';

const bin = (name: string) => join(import.meta.dirname, '..', 'node_modules', '.bin', name);

/** What a tarball may hold besides `dist/`. */
const allowedFiles = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']);

async function tarballManifest(tarball: string): Promise<Record<string, unknown>> {
  const { stdout } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe.each(publicPackages().map((pkg) => [pkg.name, pkg] as const))(
  'the packed tarball of %s',
  (name, pkg) => {
    const tarball = () => inject('tarballs')[name]!;

    test('holds dist, README, LICENSE, CHANGELOG and nothing else', async () => {
      const { stdout } = await run('tar', ['-tzf', tarball()]);
      const files = stdout
        .trim()
        .split('\n')
        .map((file) => file.replace(/^package\//, ''));
      expect(files.filter((file) => !file.startsWith('dist/') && !allowedFiles.has(file))).toEqual([]);
      expect(files).toContain('LICENSE');
      expect(files).toContain('README.md');
      expect(files).toContain('CHANGELOG.md');
      expect(files).toContain('dist/index.js');
      expect(files).toContain('dist/index.cjs');
      expect(files).toContain('dist/index.d.ts');
      expect(files).toContain('dist/index.d.cts');
    });

    test('its manifest names no workspace range, and says where the code lives', async () => {
      const manifest = await tarballManifest(tarball());
      expect(JSON.stringify(manifest)).not.toContain('workspace:');
      expect(manifest).toMatchObject({
        license: 'MIT',
        engines: { node: '>=20' },
        repository: {
          type: 'git',
          url: expect.stringContaining('github.com') as unknown,
          directory: expect.any(String),
        },
        homepage: expect.any(String) as unknown,
        bugs: { url: expect.any(String) as unknown },
      });
      expect(manifest['exports']).toMatchObject({
        '.': {
          import: { types: './dist/index.d.ts', default: './dist/index.js' },
          require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
        },
      });
      const peers = Object.keys((manifest['peerDependencies'] as Record<string, string> | undefined) ?? {});
      const dependencies = Object.keys(
        (manifest['dependencies'] as Record<string, string> | undefined) ?? {},
      );
      // Frameworks and the client are the portal's own: peer dependencies, never bundled or installed twice.
      for (const shared of ['@crm-gateway/client', 'express', 'redis'])
        expect(dependencies).not.toContain(shared);
      if (name !== '@crm-gateway/emulator') expect(dependencies).not.toContain('hono');
      if (name !== '@crm-gateway/client' && name !== '@crm-gateway/emulator') {
        expect(peers).toContain('@crm-gateway/client');
      }
    });

    test('its CommonJS build loads with require (no require(esm)) and exports the same names as the ESM build', async () => {
      // A separate Node without require(esm), as on Node 20.0–20.18: a `require` of an ESM-only package fails.
      const script = `const m = require(${JSON.stringify(join(pkg.dir, 'dist/index.cjs'))});
      console.log(JSON.stringify(Object.fromEntries(Object.keys(m).map((k) => [k, typeof m[k]]))));`;
      const { stdout } = await run(process.execPath, ['--no-experimental-require-module', '-e', script], {
        cwd: pkg.dir,
      });
      const cjs = JSON.parse(stdout) as Record<string, string>;
      const esm = (await import(pathToFileURL(join(pkg.dir, 'dist/index.js')).href)) as Record<
        string,
        unknown
      >;
      expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
      for (const key of Object.keys(esm)) expect(cjs[key], key).toBe(typeof esm[key]);
    });

    test('publint --strict finds nothing', async () => {
      const result = await run(bin('publint'), ['run', '--strict', tarball()]).catch(
        (error: { stdout: string; stderr: string }) => error,
      );
      expect(`${result.stdout}${result.stderr}`).toContain('All good!');
    });

    test('attw finds no problem in any resolution mode (node10, node16 CJS and ESM, bundler)', async () => {
      const result = await run(bin('attw'), [tarball(), '--format', 'ascii']).then(
        (ok) => ({ ...ok, failed: false }),
        (error: { stdout: string; stderr: string }) => ({ ...error, failed: true }),
      );
      expect(result.failed, `${result.stdout}${result.stderr}`).toBe(false);
      expect(result.stdout).toContain('No problems found');
    });
  },
);
