import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // Each file opens real SQLite files; forks keep native handles out of worker threads.
    pool: 'forks',
    testTimeout: 30_000,
    // CI prints a one-line total from this JSON copy of the results.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: '.tmp/vitest.json' } : undefined,
    projects: [
      { extends: true, test: { name: 'core', include: ['src/**/*.test.ts'] } },
      {
        // The desktop shell's real modules, over a stand-in for Electron (its binary is not
        // installed where tests run): electron/testing/electron.ts says what it follows.
        extends: true,
        test: { name: 'desktop', include: ['electron/**/*.test.ts'] },
        resolve: {
          alias: [{ find: /^electron$/, replacement: resolve('electron/testing/electron.ts') }],
        },
      },
    ],
  },
});
