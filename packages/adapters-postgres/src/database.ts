import type { Clock } from '@bangui/core';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import * as schema from './schema/index.ts';

export type Database = PostgresJsDatabase<typeof schema>;

/** What every port factory takes. */
export interface PortDeps {
  /** postgres.js client: tagged templates are prepared statements (named, per connection) */
  sql: Sql;
  /** drizzle on the same client; hot queries use `.prepare('name')` */
  db: Database;
  clock: Clock;
}

export interface OpenOptions {
  url: string;
  /** pool size (default 10) */
  max?: number;
}

/** Opens a pool (lazily: no connection until the first query) and drizzle on top of it. */
export function openDatabase(options: OpenOptions): { sql: Sql; db: Database } {
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    // NOTICEs ("schema already exists, skipping") are expected and not worth a console line.
    onnotice: () => {},
    connection: { application_name: 'bangui' },
  });
  return { sql, db: drizzle(sql, { schema }) };
}
