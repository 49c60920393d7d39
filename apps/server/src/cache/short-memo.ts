import type { Clock } from '@bangui/core';

export interface ShortMemo<T> {
  /** The value for `key` (see createShortMemo for freshness); concurrent callers share one fetch. */
  get(key: string): Promise<T>;
  /** Forgets `key`: the next get waits for a fresh value (after a change made through BanGUI). */
  invalidate(key: string): void;
}

export interface ShortMemoOptions<T> {
  fetch: (key: string) => Promise<T>;
  clock: Clock;
  /** a value younger than this is served as is */
  ttlMs: number;
  /**
   * A value older than ttlMs but younger than this is served at once while one
   * background fetch refreshes it (stale-while-revalidate); default: ttlMs (off).
   */
  staleMs?: number;
}

interface Entry<T> {
  at: number;
  value: Promise<T>;
  refreshing: boolean;
}

/**
 * An in-process memo for answers fail2ban computes on its single thread. It is
 * not the Cache port: the values live for seconds and are cheap to refetch, so
 * sharing them between workers would cost more than it saves. The pending
 * promise is stored, so a burst of requests costs one fetch, and a failure is
 * dropped at once so it is not served for the rest of the TTL. With `staleMs`,
 * an expired value is still served while it refreshes in the background: with
 * 65,000 bans fail2ban needs about 1.5 s for the list, which no request should wait
 * for every time the TTL runs out (see bench/src/suites/big-jail.ts).
 */
export function createShortMemo<T>(options: ShortMemoOptions<T>): ShortMemo<T> {
  const entries = new Map<string, Entry<T>>();
  const staleMs = Math.max(options.staleMs ?? options.ttlMs, options.ttlMs);

  const load = (key: string, now: number): Entry<T> => {
    const entry: Entry<T> = { at: now, value: options.fetch(key), refreshing: false };
    entries.set(key, entry);
    entry.value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return entry;
  };

  const refreshInBackground = (key: string, stale: Entry<T>, now: number) => {
    stale.refreshing = true;
    options.fetch(key).then(
      (value) => {
        // A newer entry (an invalidation and reload) wins over this refresh.
        if (entries.get(key) === stale) {
          entries.set(key, { at: now, value: Promise.resolve(value), refreshing: false });
        }
      },
      () => {
        // Serving old data while fail2ban fails would hide the failure: drop it,
        // so the next request fetches and reports the error.
        if (entries.get(key) === stale) entries.delete(key);
      },
    );
  };

  return {
    get(key) {
      const now = options.clock.now();
      const hit = entries.get(key);
      if (hit) {
        const age = now - hit.at;
        if (age < options.ttlMs) return hit.value;
        if (age < staleMs) {
          if (!hit.refreshing) refreshInBackground(key, hit, now);
          return hit.value;
        }
      }
      return load(key, now).value;
    },
    invalidate(key) {
      entries.delete(key);
    },
  };
}
