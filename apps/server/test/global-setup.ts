import { migrateDatabase } from '@bangui/adapters-postgres';
import { startThrowawayPostgres } from '@bangui/adapters-postgres/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the throwaway PostgreSQL server (its migrated template database; never connect to it) */
    postgresUrl: string;
    /** the migrated database each test file clones (see test/helpers/postgres.ts) */
    templateDatabase: string;
  }
}

const TEMPLATE = 'bangui_template';

/**
 * One PostgreSQL for the whole server project, started here and deleted at
 * the end. Migrated once into a template; every test file that needs a
 * database clones it (CREATE DATABASE ... TEMPLATE), so files never share
 * state and nobody migrates again.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startThrowawayPostgres({ database: TEMPLATE });
  try {
    await migrateDatabase(server.url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide('postgresUrl', server.url);
  project.provide('templateDatabase', TEMPLATE);
  return () => server.stop();
}
