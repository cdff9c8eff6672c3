// What a spec update touches in a repository: the workspace packages, which of them the spec reaches
// (the changeset's list), and the generated files to snapshot and restore.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Workspace package folders from pnpm-workspace.yaml (`dir/*` and plain `dir` entries). */
export function workspacePackages(root) {
  const config = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')) ?? {};
  const dirs = [];
  for (const pattern of config.packages ?? []) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(join(parent, entry.name));
      }
    } else {
      dirs.push(join(root, pattern));
    }
  }
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readJson(join(dir, 'package.json')) }));
}

/**
 * Packages a spec change reaches, for the changeset: every published package that generates code from the
 * spec (it has a `generate` script), and every published package that depends on one of those at run time
 * (`dependencies` / `peerDependencies`, transitively). Private packages and those the changeset config
 * ignores carry no changeset. `@crm-gateway/client` is always first.
 */
export function affectedPackages(root) {
  const packages = workspacePackages(root);
  const configFile = join(root, '.changeset/config.json');
  const ignored = new Set(existsSync(configFile) ? (readJson(configFile).ignore ?? []) : []);
  const reached = new Set(packages.filter((p) => p.manifest.scripts?.generate).map((p) => p.manifest.name));
  let grew = true;
  while (grew) {
    grew = false;
    for (const { manifest } of packages) {
      if (reached.has(manifest.name)) continue;
      const deps = { ...manifest.dependencies, ...manifest.peerDependencies };
      if (Object.keys(deps).some((name) => reached.has(name))) {
        reached.add(manifest.name);
        grew = true;
      }
    }
  }
  reached.add('@crm-gateway/client');
  const published = new Map(packages.map((p) => [p.manifest.name, !p.manifest.private]));
  return [...reached]
    .filter((name) => published.get(name) !== false && !ignored.has(name))
    .sort((a, b) =>
      a === '@crm-gateway/client' ? -1 : b === '@crm-gateway/client' ? 1 : a.localeCompare(b),
    );
}

/** Current version of `@crm-gateway/client` ('0.0.0' when the repository has none). */
export function clientVersion(root) {
  const found = workspacePackages(root).find((p) => p.manifest.name === '@crm-gateway/client');
  return found?.manifest.version ?? '0.0.0';
}

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Folders `pnpm generate` writes: each workspace package's `src/generated/`. */
export function generatedDirs(root) {
  return workspacePackages(root)
    .map(({ dir }) => join(dir, 'src/generated'))
    .filter((dir) => existsSync(dir) && statSync(dir).isDirectory());
}

/** Repository-relative paths of every generated file (for messages). */
export function generatedFiles(root) {
  return generatedDirs(root).flatMap((dir) => filesUnder(dir).map((file) => relative(root, file)));
}

export { filesUnder };
