import { defineConfig } from 'vitest/config';

// `pnpm soak`: the full fleet run, not part of `pnpm test` (its reduced run is src/fleet/fleet.test.ts).
export default defineConfig({
  test: {
    include: ['src/fleet/fleet.soak.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 60_000,
  },
});
