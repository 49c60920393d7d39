import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'infra-checks',
    include: ['test/**/*.test.ts'],
  },
});
