import type { Clock } from '@bangui/core';

export interface ShortMemo<T> {
  /** The value for `key`, fetched at most once per TTL; concurrent callers share one fetch. */
  get(key: string): Promise<T>;
  invalidate(key: string): void;
}

/**
 * An in-process memo for answers fail2ban computes on its single thread. It is
 * not the Cache port: the values live for a second or two and are cheap to
 * refetch, so sharing them between workers would cost more than it saves. The
 * pending promise is stored, so a burst of requests costs one fetch, and a
 * failure is dropped at once so it is not served for the rest of the TTL.
 */
export function createShortMemo<T>(options: {
  fetch: (key: string) => Promise<T>;
  clock: Clock;
  ttlMs: number;
}): ShortMemo<T> {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key) {
      const now = options.clock.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < options.ttlMs) return hit.value;
      const entry = { at: now, value: options.fetch(key) };
      entries.set(key, entry);
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return entry.value;
    },
    invalidate(key) {
      entries.delete(key);
    },
  };
}
