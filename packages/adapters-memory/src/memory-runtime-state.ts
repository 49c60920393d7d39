import {
  type Clock,
  type RuntimeEntry,
  type RuntimeSetOptions,
  type RuntimeState,
  systemClock,
} from '@bangui/core';

export interface MemoryRuntimeStateOptions {
  clock?: Clock;
}

/**
 * Runtime state in a Map. Not LRU-bounded on purpose: entries are a handful
 * of flags and cursors, and evicting one would silently lose a lock or cursor.
 */
export function createMemoryRuntimeState(options: MemoryRuntimeStateOptions = {}): RuntimeState {
  const clock = options.clock ?? systemClock;
  const entries = new Map<string, RuntimeEntry>();
  const listeners = new Set<(key: string) => void>();
  // One counter for all keys: a revision is never reused, even after
  // delete + recreate, so a stale compare-and-set cannot succeed by accident.
  let lastRevision = 0;

  const live = (key: string): RuntimeEntry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt !== null && clock.now() >= entry.expiresAt) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const notify = (key: string): void => {
    for (const listener of [...listeners]) {
      // A throwing listener must not undo the write nor starve the others.
      try {
        listener(key);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };

  const write = <T>(key: string, value: T, options?: RuntimeSetOptions): RuntimeEntry<T> => {
    const entry: RuntimeEntry<T> = {
      value: structuredClone(value),
      revision: ++lastRevision,
      expiresAt: options?.ttlMs === undefined ? null : clock.now() + options.ttlMs,
    };
    entries.set(key, entry);
    notify(key);
    return structuredClone(entry);
  };

  return {
    async get<T>(key: string) {
      const entry = live(key);
      return entry && (structuredClone(entry) as RuntimeEntry<T>);
    },
    async set(key, value, options) {
      return write(key, value, options);
    },
    async setIfAbsent(key, value, options) {
      return live(key) ? undefined : write(key, value, options);
    },
    async compareAndSet(key, expectedRevision, value, options) {
      return live(key)?.revision === expectedRevision ? write(key, value, options) : undefined;
    },
    async delete(key) {
      const existed = live(key) !== undefined;
      entries.delete(key);
      if (existed) notify(key);
      return existed;
    },
    subscribe(listener) {
      // Wrapped so subscribing the same function twice yields two independent subscriptions.
      const wrapped = (key: string) => listener(key);
      listeners.add(wrapped);
      return () => {
        listeners.delete(wrapped);
      };
    },
  };
}
