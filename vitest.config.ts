import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'contracts/**/*.test.ts',
      'web/src/**/*.test.ts',
      'web/src/**/*.test.tsx',
    ],
    environment: 'node',
    // One migrated embedded database for the run; each test file starts from a copy of it.
    globalSetup: ['server/test/global-setup.ts'],
    // Upper bounds only, never a measure: a test waits for its condition, and on a machine busy with a
    // second run beside this one a migration or a world of fixtures may take minutes.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // Each route-test file runs its own database (PGlite in memory, or a fresh server database).
    pool: 'forks',
    maxWorkers: 2,
  },
});
