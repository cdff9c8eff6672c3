import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A public (published) workspace package. */
export interface PublicPackage {
  readonly name: string;
  readonly version: string;
  /** Absolute path of the package folder. */
  readonly dir: string;
}

/** Every package under `packages/` that is not private, sorted by name. */
export function publicPackages(): PublicPackage[] {
  const root = join(repoRoot, 'packages');
  const found: PublicPackage[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, entry.name);
    let manifest: { name: string; version: string; private?: boolean };
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (manifest.private) continue;
    found.push({ name: manifest.name, version: manifest.version, dir });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** The file name `pnpm pack` gives a package's tarball. */
export function tarballName(pkg: Pick<PublicPackage, 'name' | 'version'>): string {
  return `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`;
}

/**
 * Packs every public package with `pnpm pack` (which rewrites `workspace:` ranges to real versions) into `dest`.
 * Returns the tarball path of each package by name.
 */
export async function packAll(dest: string): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  for (const pkg of publicPackages()) {
    await run('pnpm', ['pack', '--pack-destination', dest], { cwd: pkg.dir });
    tarballs.set(pkg.name, join(dest, tarballName(pkg)));
  }
  return tarballs;
}
