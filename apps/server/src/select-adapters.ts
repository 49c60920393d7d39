import { createMemoryAdapterSet, MEMORY_ADAPTER_SET_INFO } from '@bangui/adapters-memory';
import { type AdapterSet, type Clock, checkWorkerRule } from '@bangui/core';
import type { ServerConfig } from './config.ts';
import { prepareDataDir } from './startup/check-paths.ts';

/**
 * Picks the adapter set named by BANGUI_ADAPTER and enforces the worker rule
 * before anything is opened or listens: process-scoped state with several
 * workers would silently split sessions and rate limits, so that combination
 * must not start (core's WorkerRuleError). Then prepares the data dir and opens
 * the set; the memory set locks the data dir (a second BanGUI on it is refused
 * with DataDirLockedError) and replays its event journal (JournalCorruptError
 * when damaged beyond a torn last record).
 */
export async function selectAdapters(
  config: Pick<ServerConfig, 'adapter' | 'workers' | 'dataDir'>,
  options: { clock?: Clock; onWarning?: (message: string) => void } = {},
): Promise<AdapterSet> {
  // Only 'memory' exists in this build; loadConfig already refuses the others.
  checkWorkerRule(MEMORY_ADAPTER_SET_INFO, config.workers);
  await prepareDataDir(config.dataDir);
  return createMemoryAdapterSet({
    dataDir: config.dataDir,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
}
