import { defineConfig } from 'tsup';

// One output file per source module (bundle: false): with `sideEffects: false`, a portal's bundler keeps only the
// modules it imports (the portal core and the notification check stay out of a client-only bundle).
export default defineConfig({
  entry: [
    'src/**/*.ts',
    '!src/**/*.test.ts',
    '!src/**/*.test-d.ts',
    '!src/integration/**',
    '!src/portal/testing/**',
  ],
  bundle: false,
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});
