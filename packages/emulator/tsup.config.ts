import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The CLI is run directly (bin); the shebang is harmless in the library entry (Node ignores it).
  banner: { js: '#!/usr/bin/env node' },
});
