import { type Cache, type Clock, systemClock } from '@bangui/core';

/**
 * A third-party Cache adapter in twenty lines: a Map of structured clones with
 * an expiry time read from the injected clock. Its test runs the Cache
 * conformance suite from `@bangui/core/testing` with one call.
 */
export function createMapCache(options: { clock?: Clock } = {}): Cache {
  const clock = options.clock ?? systemClock;
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  return {
    async get<T>(key: string) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (clock.now() >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      return structuredClone(entry.value) as T;
    },
    async set(key, value, ttlMs) {
      const expiresAt = ttlMs === undefined ? Number.POSITIVE_INFINITY : clock.now() + ttlMs;
      entries.set(key, { value: structuredClone(value), expiresAt });
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}
