import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'example-hono-app',
    include: ['test/**/*.test.ts'],
    // Starts one throwaway PostgreSQL for this package (see test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
