import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    include: ['test/**/*.test.ts'],
    // Integration tests start a real fail2ban-server and spawn tsx; argon2 hashing
    // is deliberately slow, so leave generous room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One throwaway PostgreSQL for the whole project; each file clones a migrated template.
    globalSetup: ['test/global-setup.ts'],
  },
});
