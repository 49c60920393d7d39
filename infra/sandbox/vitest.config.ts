import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'sandbox',
    include: ['test/**/*.test.ts'],
    // Real fail2ban-server processes: start ~0.2 s, log-to-ban up to ~1.5 s.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
