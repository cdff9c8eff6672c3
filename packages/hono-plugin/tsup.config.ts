import { defineConfig } from 'tsup';

// ESM (`dist/index.js`, `.d.ts`) and CommonJS (`dist/index.cjs`, `.d.cts`). hono stays external: the CommonJS build
// `require`s hono's CommonJS build, so a CommonJS app loads one copy of hono (`instanceof HTTPException` holds).
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});
