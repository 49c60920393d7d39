import { type Clock, decideGcra, type RateLimiter, systemClock } from '@bangui/core';
import { LRUCache } from 'lru-cache';

export interface MemoryRateLimiterOptions {
  clock?: Clock;
  /**
   * Upper bound on tracked keys (one number each). Beyond it the least
   * recently used key is forgotten, i.e. gets a fresh allowance; keys busy
   * enough to matter are recently used. Default 100 000.
   */
  maxKeys?: number;
}

/** GCRA in memory (semantics in @bangui/core rate-limiter.ts). */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const clock = options.clock ?? systemClock;
  const tats = new LRUCache<string, number>({ max: options.maxKeys ?? 100_000 });

  return {
    async consume(key, policy, cost = 1) {
      const now = clock.now();
      const stored = tats.get(key);
      // A TAT in the past carries no information: drop it to free the slot.
      const tat = stored !== undefined && stored > now ? stored : undefined;
      const result = decideGcra(tat, now, policy, cost);
      // Read and write happen in one synchronous step, so concurrent calls
      // cannot interleave between them.
      if (result.decision.allowed) tats.set(key, result.tat);
      return result.decision;
    },
    async reset(key) {
      tats.delete(key);
    },
  };
}
