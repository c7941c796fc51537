import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two projects: `server` (unit + integration, PGlite by default, PostgreSQL when TEST_DATABASE_URL
// is set) and `e2e` (the built app in Debian's Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/test/**/*.test.ts', 'server/src/**/*.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // Every file has its own database (PGlite, or its own PostgreSQL database), so files run
          // side by side: one per core (vitest's default leaves a core free, one worker on two cores).
          maxWorkers: Math.max(2, availableParallelism()),
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A page's next state may wait behind a background job on the embedded database's one
          // connection (the minute's metric warm-up): polls wait up to 15 s, as Playwright's own waits do.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
