import { createDatabase } from '@bangui/adapters-postgres/testing';
import { inject } from 'vitest';
import type { ExampleConfig } from '../src/config.ts';

export const PASSWORD = 'correct horse battery staple';

export type AdapterKind = 'memory' | 'postgres';

/** A config for one test; PostgreSQL gets a fresh database (migrated by the app at start). */
export async function testConfig(
  adapter: AdapterKind,
  overrides: Partial<ExampleConfig> = {},
): Promise<ExampleConfig> {
  return {
    adapter,
    databaseUrl: adapter === 'postgres' ? await createDatabase(inject('postgresUrl')) : undefined,
    workers: 1,
    password: PASSWORD,
    username: 'demo',
    port: 0,
    rateLimit: 3,
    ...overrides,
  };
}

/** A croner pattern that does not fire during a test run (midnight, 1 January). */
export const NEVER = '0 0 0 1 1 *';
