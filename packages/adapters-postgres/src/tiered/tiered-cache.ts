import type { Cache, Clock } from '@bangui/core';
import { LRUCache } from 'lru-cache';
import type { CacheEntry, EntryCache } from '../postgres-cache.ts';
import type { InvalidationBus } from './invalidation-bus.ts';
import type { TieredOptions } from './tiered-session-store.ts';

const CACHE = 'c:';

/**
 * The Cache port with a per-worker LRU in front of PostgreSQL. A local entry
 * keeps the shared entry's expiry (judged by the injected clock) and is dropped
 * on every worker when any worker sets or deletes its key.
 */
export function createTieredCache(
  store: EntryCache,
  bus: InvalidationBus,
  clock: Clock,
  options: TieredOptions = {},
): Cache {
  const local = new LRUCache<string, CacheEntry<unknown>>({
    max: options.max ?? 10_000,
    ttl: options.ttlMs ?? 60_000,
  });
  bus.attach({
    drop(key) {
      if (key.startsWith(CACHE)) local.delete(key.slice(CACHE.length));
    },
    clear: () => local.clear(),
  });

  return {
    async get<T>(key: string) {
      if (bus.trusted) {
        const hit = local.get(key);
        if (hit && (hit.expiresAt === null || hit.expiresAt > clock.now())) {
          return structuredClone(hit.value) as T;
        }
      }
      const generation = bus.generation;
      const entry = await store.getEntry<T>(key);
      if (!entry) return undefined;
      if (bus.trusted && bus.generation === generation) {
        local.set(key, { value: structuredClone(entry.value), expiresAt: entry.expiresAt });
      }
      return entry.value;
    },
    async set(key, value, ttlMs) {
      await store.set(key, value, ttlMs);
      await bus.publish([CACHE + key]);
    },
    async delete(key) {
      await store.delete(key);
      await bus.publish([CACHE + key]);
    },
  };
}
