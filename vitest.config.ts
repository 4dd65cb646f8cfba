import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each route-test file runs its own database (PGlite in memory, or a fresh server database).
    pool: 'forks',
    maxWorkers: 2,
  },
});
