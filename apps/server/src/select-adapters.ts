import { createMemoryAdapterSet, MEMORY_ADAPTER_SET_INFO } from '@bangui/adapters-memory';
import {
  createPostgresAdapterSet,
  migrateDatabase,
  POSTGRES_ADAPTER_SET_INFO,
  type PostgresAdapterSet,
} from '@bangui/adapters-postgres';
import { type AdapterSet, type Clock, checkWorkerRule } from '@bangui/core';
import type { ServerConfig } from './config.ts';
import { prepareDataDir } from './startup/check-paths.ts';

/** What the server uses of an adapter set; the shared-database operations exist for postgres only. */
export type SelectedAdapters = AdapterSet &
  Partial<Pick<PostgresAdapterSet, 'ping' | 'purgeExpired'>>;

export interface SelectAdaptersOptions {
  clock?: Clock;
  onWarning?: (message: string) => void;
  /**
   * Apply pending migrations before opening (default true). The cluster
   * primary migrates once before forking, so its workers pass false.
   */
  migrate?: boolean;
}

type AdapterConfig = Pick<ServerConfig, 'adapter' | 'workers' | 'dataDir' | 'databaseUrl'>;

/**
 * The worker rule, decided from the set's scope before anything is opened:
 * process-scoped state with several workers would silently split sessions and
 * rate limits, so that combination must not start (core's WorkerRuleError).
 * Exported for the cluster primary, which checks it before forking.
 */
export function checkAdapterChoice(config: Pick<ServerConfig, 'adapter' | 'workers'>): void {
  checkWorkerRule(
    config.adapter === 'postgres' ? POSTGRES_ADAPTER_SET_INFO : MEMORY_ADAPTER_SET_INFO,
    config.workers,
  );
}

/**
 * Picks the adapter set named by BANGUI_ADAPTER after the worker rule.
 * memory: prepares and locks the data dir (a second BanGUI on it is refused
 * with DataDirLockedError) and replays its event journal (JournalCorruptError
 * when damaged beyond a torn last record). postgres: migrates (once across
 * every process starting together: migrate() holds an advisory lock), then
 * opens the pool and its LISTEN connection; no data-dir lock, since any number
 * of workers and machines share the database. Migrations come first because
 * the tiered cache reads its change counter when it opens.
 */
export async function selectAdapters(
  config: AdapterConfig,
  options: SelectAdaptersOptions = {},
): Promise<SelectedAdapters> {
  checkAdapterChoice(config);
  if (config.adapter === 'postgres') {
    // loadConfig guarantees the URL for postgres; the check keeps the types honest.
    if (config.databaseUrl === undefined) throw new TypeError('postgres needs a databaseUrl');
    if (options.migrate ?? true) await migrateDatabase(config.databaseUrl);
    return createPostgresAdapterSet({
      url: config.databaseUrl,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.onWarning ? { localTier: { onWarning: options.onWarning } } : {}),
    });
  }
  await prepareDataDir(config.dataDir);
  return createMemoryAdapterSet({
    dataDir: config.dataDir,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
}
