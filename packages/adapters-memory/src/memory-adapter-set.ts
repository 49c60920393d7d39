import type { AdapterSet, Clock } from '@bangui/core';
import { createMemoryCache } from './memory-cache.ts';
import { createMemoryRateLimiter } from './memory-rate-limiter.ts';
import { createMemoryRuntimeState } from './memory-runtime-state.ts';
import { createMemorySessionStore } from './memory-session-store.ts';

export interface MemoryAdapterSetOptions {
  clock?: Clock;
  maxSessions?: number;
  maxCacheEntries?: number;
  maxRateLimitKeys?: number;
}

/** Every port in process memory: zero setup, correct for exactly one worker. */
export function createMemoryAdapterSet(options: MemoryAdapterSetOptions = {}): AdapterSet {
  const { clock } = options;
  return {
    name: 'memory',
    scope: 'process',
    sessions: createMemorySessionStore({ clock, maxSessions: options.maxSessions }),
    runtimeState: createMemoryRuntimeState({ clock }),
    cache: createMemoryCache({ clock, maxEntries: options.maxCacheEntries }),
    rateLimiter: createMemoryRateLimiter({ clock, maxKeys: options.maxRateLimitKeys }),
    // Nothing to release: no timers, sockets or files are held.
    close: async () => {},
  };
}
