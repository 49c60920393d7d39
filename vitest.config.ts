import { defineConfig } from 'vitest/config';

// One project per workspace package; each package may add its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'infra/sandbox', 'infra/checks', 'bench', 'examples/*'],
  },
});
