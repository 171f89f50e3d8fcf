import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // electron/: only modules that do not import Electron itself (its binary is not here).
    include: ['src/**/*.test.ts', 'electron/**/*.test.ts'],
    // Each file opens real SQLite files; forks keep native handles out of worker threads.
    pool: 'forks',
    testTimeout: 30_000,
    // CI prints a one-line total from this JSON copy of the results.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: '.tmp/vitest.json' } : undefined,
  },
});
