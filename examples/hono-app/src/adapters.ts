import { createMemoryAdapterSet, MEMORY_ADAPTER_SET_INFO } from '@bangui/adapters-memory';
import {
  createPostgresAdapterSet,
  migrateDatabase,
  POSTGRES_ADAPTER_SET_INFO,
} from '@bangui/adapters-postgres';
import { type AdapterSet, selectAdapterSet } from '@bangui/core';
import type { ExampleConfig } from './config.ts';

/**
 * The adapter set named by EXAMPLE_ADAPTER. The worker rule is checked on the
 * candidate's info before anything is created: memory with 2 workers throws
 * WorkerRuleError without opening anything.
 */
export function openAdapters(
  config: Pick<ExampleConfig, 'adapter' | 'databaseUrl' | 'workers'>,
): Promise<AdapterSet> {
  return selectAdapterSet({
    choice: config.adapter,
    workers: config.workers,
    fixHint: 'set EXAMPLE_ADAPTER=postgres (with EXAMPLE_DATABASE_URL) or EXAMPLE_WORKERS=1.',
    candidates: {
      memory: { info: MEMORY_ADAPTER_SET_INFO, create: () => createMemoryAdapterSet() },
      postgres: {
        info: POSTGRES_ADAPTER_SET_INFO,
        async create() {
          const url = config.databaseUrl ?? '';
          // Before creating the set: its local tier reads a counter the migrations create.
          // Safe from every process at once: migrations serialise on an advisory lock.
          await migrateDatabase(url);
          return createPostgresAdapterSet({ url });
        },
      },
    },
  });
}
