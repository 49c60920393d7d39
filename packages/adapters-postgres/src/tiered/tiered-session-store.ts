import type { SessionRecord, SessionStore } from '@bangui/core';
import { LRUCache } from 'lru-cache';
import type { InvalidationBus } from './invalidation-bus.ts';

export interface TieredOptions {
  /** entries kept per worker (default 10,000) */
  max?: number;
  /**
   * Longest a local entry is trusted without a re-read (default 60 s): a safety
   * net only, invalidation is what keeps the tier correct.
   */
  ttlMs?: number;
}

const SESSION = 's:';
const USER = 'u:';

const copy = (record: SessionRecord): SessionRecord => ({
  ...record,
  ...(record.data === undefined ? {} : { data: structuredClone(record.data) }),
});

/**
 * Sessions with a per-worker LRU in front of the shared store: validating a
 * session (every authenticated request) is a Map lookup, not a round trip.
 * Every write that changes what `get` returns (touch, delete, deleteByUser)
 * goes to PostgreSQL first and is then announced on the bus, so every worker
 * drops its copy: a logout on one worker is a 401 on all of them at once.
 * Misses are not cached (a session created on another worker is read then).
 */
export function createTieredSessionStore(
  store: SessionStore,
  bus: InvalidationBus,
  options: TieredOptions = {},
): SessionStore {
  const local = new LRUCache<string, SessionRecord>({
    max: options.max ?? 10_000,
    ttl: options.ttlMs ?? 60_000,
  });
  bus.attach({
    drop(key) {
      if (key.startsWith(SESSION)) local.delete(key.slice(SESSION.length));
      else if (key.startsWith(USER)) {
        const userId = key.slice(USER.length);
        // Rare (log out everywhere): a scan of at most `max` entries.
        for (const [id, record] of local.entries()) if (record.userId === userId) local.delete(id);
      }
    },
    clear: () => local.clear(),
  });

  return {
    create: (record) => store.create(record),
    async get(id) {
      if (bus.trusted) {
        const hit = local.get(id);
        if (hit) return copy(hit);
      }
      const generation = bus.generation;
      const record = await store.get(id);
      // An invalidation that arrived during the read may concern this very row.
      if (record && bus.trusted && bus.generation === generation) local.set(id, copy(record));
      return record;
    },
    async touch(id, lastSeenAt) {
      await store.touch(id, lastSeenAt);
      // Other workers re-read the new lastSeenAt: a stale one could make them
      // expire a session for inactivity that is in fact in use.
      await bus.publish([SESSION + id]);
    },
    async delete(id) {
      const deleted = await store.delete(id);
      await bus.publish([SESSION + id]);
      return deleted;
    },
    async deleteByUser(userId) {
      const count = await store.deleteByUser(userId);
      await bus.publish([USER + userId]);
      return count;
    },
    listByUser: (userId) => store.listByUser(userId),
  };
}
