// Test runner settings: one suite under test/, generous timeouts for the real-database and real-graph tests. Files run
// one after another in each worker process without a fresh module graph per file (isolate: false): the modules, and
// the worker's one PGlite database (test/api/helpers/worker-database.ts), are loaded once per worker, not per file.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/prepare-suite.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    isolate: false,
    // Every core: vitest's default leaves one free (a single worker on a 2-core machine), and many files wait on
    // sockets and timers.
    maxWorkers: '100%',
    reporters: ['default'],
  },
});
