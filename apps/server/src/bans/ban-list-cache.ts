import type { Clock } from '@bangui/core';
import { createShortMemo, type ShortMemo } from '../cache/short-memo.ts';
import type { BanEntry } from '../fail2ban-port.ts';

/**
 * A jail's bans, newest first, fetched at most once per TTL and served up to
 * `staleMs` (default 30 s) old while a refresh runs (see short-memo.ts for why).
 * Bans and unbans through BanGUI invalidate the jail, so its own changes show at once.
 */
export type BanListCache = ShortMemo<readonly BanEntry[]>;

export function createBanListCache(options: {
  fetch: (jail: string) => Promise<BanEntry[]>;
  clock: Clock;
  ttlMs: number;
  staleMs?: number;
}): BanListCache {
  return createShortMemo({
    clock: options.clock,
    ttlMs: options.ttlMs,
    staleMs: options.staleMs ?? 30_000,
    fetch: async (jail) =>
      [...(await options.fetch(jail))].sort(
        (a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1),
      ),
  });
}
