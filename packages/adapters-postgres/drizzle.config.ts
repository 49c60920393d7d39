import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @bangui/adapters-postgres generate` writes a new migration
// into drizzle/ after a schema change; commit it. No database is needed to generate.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
});
