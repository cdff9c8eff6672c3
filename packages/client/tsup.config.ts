import { defineConfig } from 'tsup';

// One output file per source module (bundle: false): with `sideEffects: false`, a portal's bundler keeps only the
// modules it imports (the notification check stays out of a bundle that never verifies a signature).
export default defineConfig({
  entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts'],
  bundle: false,
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});
