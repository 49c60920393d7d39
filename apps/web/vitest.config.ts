import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'web',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The e2e test builds the app, starts fail2ban and the server and drives Chromium.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
