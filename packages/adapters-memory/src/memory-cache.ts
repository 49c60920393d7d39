import { type Cache, type Clock, systemClock } from '@bangui/core';
import { LRUCache } from 'lru-cache';

export interface MemoryCacheOptions {
  clock?: Clock;
  /** Upper bound on entries; least recently used are evicted. Default 10 000. */
  maxEntries?: number;
}

interface Slot {
  value: unknown;
  expiresAt: number | null;
}

export function createMemoryCache(options: MemoryCacheOptions = {}): Cache {
  const clock = options.clock ?? systemClock;
  // Expiry is checked here against the injected clock rather than with
  // lru-cache's own ttl, which reads performance.now() and caches it.
  const slots = new LRUCache<string, Slot>({ max: options.maxEntries ?? 10_000 });

  return {
    async get<T>(key: string) {
      const slot = slots.get(key);
      if (!slot) return undefined;
      if (slot.expiresAt !== null && clock.now() >= slot.expiresAt) {
        slots.delete(key);
        return undefined;
      }
      // Copies so the memory cache behaves like the serialising shared one.
      return structuredClone(slot.value) as T;
    },
    async set(key, value, ttlMs) {
      const expiresAt = ttlMs === undefined ? null : clock.now() + ttlMs;
      slots.set(key, { value: structuredClone(value), expiresAt });
    },
    async delete(key) {
      slots.delete(key);
    },
  };
}
