import { createMemoryAdapterSet } from '@bangui/adapters-memory';
import { type AdapterSet, type Clock, checkWorkerRule } from '@bangui/core';
import type { ServerConfig } from './config.ts';

/**
 * Picks the adapter set named by BANGUI_ADAPTER and enforces the worker rule
 * before anything listens: process-scoped state with several workers would
 * silently split sessions and rate limits, so that combination must not start.
 * Throws core's WorkerRuleError (after closing the set) in that case.
 */
export async function selectAdapters(
  config: Pick<ServerConfig, 'adapter' | 'workers'>,
  options: { clock?: Clock } = {},
): Promise<AdapterSet> {
  // Only 'memory' exists in this build; loadConfig already refuses the others.
  const adapters = createMemoryAdapterSet(options.clock ? { clock: options.clock } : {});
  try {
    checkWorkerRule(adapters, config.workers);
  } catch (err) {
    await adapters.close();
    throw err;
  }
  return adapters;
}
