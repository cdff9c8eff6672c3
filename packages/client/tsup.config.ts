import { defineConfig } from 'tsup';

// ESM: one output file per source module (bundle: false): with `sideEffects: false`, a portal's bundler keeps only
// the modules it imports (the notification check stays out of a bundle that never verifies a signature).
// CommonJS: one bundled file (CommonJS is not tree-shaken; one file keeps `require` resolution simple). openapi-fetch
// is bundled into it: its CommonJS build exports `createClient` as `exports.default`, which esbuild's Node-mode
// interop (this is a `type: module` package) would not read as the default export.
export default defineConfig([
  {
    entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts'],
    bundle: false,
    format: ['esm'],
    dts: { entry: 'src/index.ts' },
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
  },
  {
    entry: ['src/index.ts'],
    format: ['cjs'],
    noExternal: ['openapi-fetch'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
  },
]);
