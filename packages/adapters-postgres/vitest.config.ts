import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'adapters-postgres',
    include: ['test/**/*.test.ts'],
    // Starts one throwaway PostgreSQL for the whole package (see test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
