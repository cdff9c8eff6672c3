import { defineConfig } from 'tsup';

// ESM (`dist/index.js`, `.d.ts`) and CommonJS (`dist/index.cjs`, `.d.cts`); express, the client and the portal core
// stay external, so a CommonJS app `require`s the same copies it uses itself.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
