import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Integration and e2e tests start real processes, databases and a browser.
    testTimeout: 60_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
