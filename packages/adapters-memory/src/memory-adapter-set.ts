import type { AdapterSet, Clock } from '@bangui/core';
import type { DataDirLock } from './data-dir-lock.ts';
import { createMemoryCache } from './memory-cache.ts';
import { createMemoryEventStore } from './memory-event-store.ts';
import { createMemoryLeases } from './memory-leases.ts';
import { createMemoryRateLimiter } from './memory-rate-limiter.ts';
import { createMemoryRuntimeState } from './memory-runtime-state.ts';
import { createMemorySessionStore } from './memory-session-store.ts';

export interface MemoryAdapterSetOptions {
  clock?: Clock;
  maxSessions?: number;
  maxCacheEntries?: number;
  maxRateLimitKeys?: number;
  /**
   * Where the event journal lives (`<dataDir>/events.journal`). Without it the
   * event store is held only in memory and history is lost on exit.
   */
  dataDir?: string;
  /** a lock on dataDir the caller already holds; otherwise the event store takes (and releases) it */
  dataDirLock?: DataDirLock;
  /** journal repairs at startup (a torn last record dropped); default console.warn */
  onWarning?: (message: string) => void;
}

/**
 * What the worker rule reads, available before anything is created or opened, so
 * a refused start touches no file.
 */
export const MEMORY_ADAPTER_SET_INFO = { name: 'memory', scope: 'process' } as const;

/**
 * Every port in process memory: zero setup, correct for exactly one worker.
 * Throws at once (DataDirLockedError, JournalCorruptError) when the data
 * directory is in use by another process or its journal is damaged.
 */
export function createMemoryAdapterSet(options: MemoryAdapterSetOptions = {}): AdapterSet {
  const { clock } = options;
  const eventStore = createMemoryEventStore({
    clock,
    dataDir: options.dataDir,
    lock: options.dataDirLock,
    onWarning: options.onWarning,
  });
  return {
    ...MEMORY_ADAPTER_SET_INFO,
    sessions: createMemorySessionStore({ clock, maxSessions: options.maxSessions }),
    runtimeState: createMemoryRuntimeState({ clock }),
    cache: createMemoryCache({ clock, maxEntries: options.maxCacheEntries }),
    rateLimiter: createMemoryRateLimiter({ clock, maxKeys: options.maxRateLimitKeys }),
    eventStore,
    leases: createMemoryLeases({ clock }),
    // The other ports hold no timers, sockets or files; the event store holds the journal and lock.
    close: () => eventStore.close(),
  };
}
