import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'adapters-memory', include: ['test/**/*.test.ts'], testTimeout: 10_000 },
});
