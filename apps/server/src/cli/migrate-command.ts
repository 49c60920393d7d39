import { migrateDatabase } from '@bangui/adapters-postgres';
import type { ServerConfig } from '../config.ts';

export type MigrateOutcome = { adapter: 'memory' } | { adapter: 'postgres'; applied: number };

/**
 * Applies pending PostgreSQL migrations (under the same advisory lock the
 * server takes at startup, so running it next to starting workers is safe).
 * The memory adapter has no schema: nothing to do.
 */
export async function runMigrate(
  config: Pick<ServerConfig, 'adapter' | 'databaseUrl'>,
): Promise<MigrateOutcome> {
  if (config.adapter !== 'postgres') return { adapter: 'memory' };
  if (config.databaseUrl === undefined) throw new TypeError('postgres needs a databaseUrl');
  return { adapter: 'postgres', applied: await migrateDatabase(config.databaseUrl) };
}

export function formatMigrate(outcome: MigrateOutcome): string {
  if (outcome.adapter === 'memory') {
    return 'nothing to migrate: BANGUI_ADAPTER is memory (the event journal needs no schema)\n';
  }
  const n = outcome.applied;
  return n === 0
    ? 'the database is up to date: 0 migrations applied\n'
    : `applied ${n} migration${n === 1 ? '' : 's'}\n`;
}
