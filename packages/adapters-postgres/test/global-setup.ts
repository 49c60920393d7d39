import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/database.ts';
import { migrate } from '../src/migrate.ts';
import { createDatabase } from '../src/testing/test-databases.ts';
import { startThrowawayPostgres } from '../src/testing/throwaway-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a migrated database shared by the contract tests (they use unique keys) */
    databaseUrl: string;
    /** the database to clone for tests that need one of their own (migrated, otherwise empty) */
    templateDatabase: string;
  }
}

const TEMPLATE = 'bangui_template';

/** One PostgreSQL for this package's run: started here, stopped and deleted at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startThrowawayPostgres({ database: TEMPLATE });
  try {
    // Migrated once, then only ever cloned: CREATE DATABASE ... TEMPLATE
    // refuses a template that has open sessions, so no test connects to it.
    const { sql } = openDatabase({ url: server.url, max: 1 });
    try {
      await migrate(sql);
    } finally {
      await sql.end();
    }
    project.provide('databaseUrl', await createDatabase(server.url, { template: TEMPLATE }));
    project.provide('templateDatabase', TEMPLATE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return () => server.stop();
}
