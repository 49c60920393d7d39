import { readMigrationFiles } from 'drizzle-orm/migrator';
import postgres from 'postgres';
import { expect, inject, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrate } from '../src/migrate.ts';
import { createDatabase } from '../src/testing/test-databases.ts';

it('4 concurrent migrate() calls on a fresh database migrate once', async () => {
  const url = await createDatabase(inject('databaseUrl'));
  const clients = Array.from({ length: 4 }, () => postgres(url, { max: 1, onnotice: () => {} }));
  try {
    const applied = await Promise.all(clients.map((sql) => migrate(sql)));
    const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
    expect(migrations.length).toBeGreaterThan(0);
    // One caller applied every migration; the three that waited on the lock applied none.
    expect([...applied].sort()).toEqual([0, 0, 0, migrations.length]);

    const [sql] = clients as [postgres.Sql];
    const recorded = await sql`select hash from drizzle.__drizzle_migrations`;
    expect(recorded.map((r) => r.hash)).toEqual(migrations.map((m) => m.hash));
    const tables = await sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public'
      order by table_name`;
    expect(tables.map((t) => t.table_name)).toEqual([
      'cache_entries',
      'events',
      'leases',
      'rate_limits',
      'runtime_state',
      'sessions',
      'tick_claims',
    ]);
    expect(await migrate(sql)).toBe(0);
  } finally {
    await Promise.all(clients.map((sql) => sql.end()));
  }
});
