import type { Clock } from '@bangui/core';
import type { BanEntry } from '../fail2ban-port.ts';

export interface BanListCache {
  /** The jail's bans, newest first; fetched at most once per TTL. */
  get(jail: string): Promise<readonly BanEntry[]>;
  /** Drops the jail's list, e.g. after BanGUI banned or unbanned in it. */
  invalidate(jail: string): void;
}

/**
 * An in-process memo, not the Cache port: a 10k-ban list is large, lives for
 * seconds and is cheap to refetch, so sharing it between workers would cost
 * more than it saves. It exists so paging through one jail does not ask
 * fail2ban (whose single thread serves everyone) for the full list per page.
 * The pending promise is stored, so concurrent requests share one fetch.
 */
export function createBanListCache(options: {
  fetch: (jail: string) => Promise<BanEntry[]>;
  clock: Clock;
  ttlMs: number;
}): BanListCache {
  const entries = new Map<string, { at: number; list: Promise<readonly BanEntry[]> }>();
  return {
    get(jail) {
      const now = options.clock.now();
      const hit = entries.get(jail);
      if (hit && now - hit.at < options.ttlMs) return hit.list;
      const list = options
        .fetch(jail)
        .then((bans) =>
          [...bans].sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1)),
        );
      const entry = { at: now, list };
      entries.set(jail, entry);
      // A failure must not be served from the cache for the next TTL.
      list.catch(() => {
        if (entries.get(jail) === entry) entries.delete(jail);
      });
      return list;
    },
    invalidate(jail) {
      entries.delete(jail);
    },
  };
}
