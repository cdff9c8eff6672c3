import { defineConfig } from 'tsup';

// The spec's constants come from @crm-gateway/client's generated module at build time (bundled in, a few hundred
// bytes): the emulator has no runtime dependency on the client.
export default defineConfig([
  // ESM library and the CLI (bin). The CLI is run directly; the shebang is harmless in the library entry.
  {
    entry: ['src/index.ts', 'src/cli.ts'],
    format: ['esm'],
    dts: { entry: 'src/index.ts', resolve: ['@crm-gateway/client'] },
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    noExternal: ['@crm-gateway/client'],
  },
  // CommonJS library (`require('@crm-gateway/emulator')` from a CommonJS test suite). jose is ESM-only, so it is
  // bundled into this build: no `require(esm)`, which Node 20 only has from 20.19.
  {
    entry: ['src/index.ts'],
    format: ['cjs'],
    dts: { resolve: ['@crm-gateway/client'] },
    sourcemap: true,
    target: 'node20',
    noExternal: ['jose', '@crm-gateway/client'],
  },
]);
