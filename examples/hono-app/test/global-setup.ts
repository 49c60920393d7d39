import { startThrowawayPostgres } from '@bangui/adapters-postgres/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a server URL; each test creates a database of its own with createDatabase */
    postgresUrl: string;
  }
}

/** One PostgreSQL for the example's tests: started here, stopped and deleted at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startThrowawayPostgres({ database: 'example' });
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
