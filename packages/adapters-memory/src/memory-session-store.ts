import { type Clock, type SessionRecord, type SessionStore, systemClock } from '@bangui/core';
import { LRUCache } from 'lru-cache';

export interface MemorySessionStoreOptions {
  clock?: Clock;
  /**
   * Upper bound on stored sessions; the least recently used is dropped beyond
   * it (that user is logged out) so a login flood cannot exhaust memory.
   * Default 100 000.
   */
  maxSessions?: number;
}

export function createMemorySessionStore(options: MemorySessionStoreOptions = {}): SessionStore {
  const clock = options.clock ?? systemClock;
  const byUser = new Map<string, Set<string>>();
  const unindex = (record: SessionRecord): void => {
    const ids = byUser.get(record.userId);
    ids?.delete(record.id);
    if (ids?.size === 0) byUser.delete(record.userId);
  };
  const records = new LRUCache<string, SessionRecord>({
    max: options.maxSessions ?? 100_000,
    // Keeps the per-user index in step with every removal, evictions included.
    dispose: (record) => unindex(record),
  });

  // Copies on the way in and out: callers must not alter what is stored, as
  // with a database-backed store.
  const copy = (record: SessionRecord): SessionRecord => structuredClone(record);

  // Expired records are dropped when met; the session manager decides expiry
  // for live ones, so this only reclaims memory early.
  const live = (id: string): SessionRecord | undefined => {
    const record = records.get(id);
    if (record && clock.now() >= record.expiresAt) {
      records.delete(id);
      return undefined;
    }
    return record;
  };

  return {
    async create(record) {
      records.set(record.id, copy(record));
      let ids = byUser.get(record.userId);
      if (!ids) {
        ids = new Set();
        byUser.set(record.userId, ids);
      }
      ids.add(record.id);
    },
    async get(id) {
      const record = live(id);
      return record && copy(record);
    },
    async touch(id, lastSeenAt) {
      const record = live(id);
      if (record) record.lastSeenAt = lastSeenAt;
    },
    async delete(id) {
      return records.delete(id);
    },
    async deleteByUser(userId) {
      const ids = [...(byUser.get(userId) ?? [])];
      let count = 0;
      for (const id of ids) if (records.delete(id)) count++;
      return count;
    },
    async listByUser(userId) {
      const ids = [...(byUser.get(userId) ?? [])];
      return ids.flatMap((id) => {
        const record = live(id);
        return record ? [copy(record)] : [];
      });
    },
  };
}
