import { defineConfig } from 'tsup';

// ESM (`dist/index.js`, `.d.ts`) and CommonJS (`dist/index.cjs`, `.d.cts`); redis and the client stay external.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'node',
  external: ['redis', '@crm-gateway/client', '@crm-gateway/portal'],
});
