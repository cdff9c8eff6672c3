import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packAll } from './packages.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Package name → absolute path of its packed tarball (packed once per run). */
    tarballs: Record<string, string>;
  }
}

/** Packs every public package once for all the suites of this run. */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-gateway-pack-'));
  const tarballs = await packAll(dir);
  project.provide('tarballs', Object.fromEntries(tarballs));
  return () => rmSync(dir, { recursive: true, force: true });
}
