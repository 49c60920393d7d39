import type { Clock } from '@bangui/core';
import { createShortMemo, type ShortMemo } from '../cache/short-memo.ts';
import type { BanEntry } from '../fail2ban-port.ts';

/** A jail's bans, newest first, fetched at most once per TTL (see short-memo.ts for why). */
export type BanListCache = ShortMemo<readonly BanEntry[]>;

export function createBanListCache(options: {
  fetch: (jail: string) => Promise<BanEntry[]>;
  clock: Clock;
  ttlMs: number;
}): BanListCache {
  return createShortMemo({
    clock: options.clock,
    ttlMs: options.ttlMs,
    fetch: async (jail) =>
      [...(await options.fetch(jail))].sort(
        (a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1),
      ),
  });
}
