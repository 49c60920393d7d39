import { banKey } from '@bangui/domain';
import type { BanEntry } from '@bangui/fail2ban';
import type { KnownBan } from './known-bans.ts';

export interface BanDiffInput {
  /** every jail fail2ban reports now */
  liveJails: ReadonlySet<string>;
  /** current bans of the jails that could be read; a live jail missing here is left alone */
  current: ReadonlyMap<string, readonly BanEntry[]>;
  /** what the log considers active */
  known: readonly KnownBan[];
}

export interface BanDiff {
  /** bans fail2ban has that the log does not know */
  appeared: Array<{ jail: string; ban: BanEntry }>;
  /** bans the log thinks active that fail2ban no longer has */
  missing: KnownBan[];
}

/**
 * The difference between fail2ban's bans and the log's, by the idempotency
 * key (jail, ID, time of ban). A ban restored by fail2ban after its restart
 * keeps its time of ban, so it matches its earlier record and is not new.
 */
export function diffBans(input: BanDiffInput): BanDiff {
  const knownKeys = new Set(input.known.map((k) => banKey(k.jail, k.id, k.bannedAt)));
  const currentKeys = new Set<string>();
  const appeared: BanDiff['appeared'] = [];
  for (const [jail, bans] of input.current) {
    for (const ban of bans) {
      const key = banKey(jail, ban.id, ban.startedAt);
      currentKeys.add(key);
      if (!knownKeys.has(key)) appeared.push({ jail, ban });
    }
  }
  const missing = input.known.filter((k) => {
    // A jail fail2ban no longer has lifted its bans when it stopped. A live
    // jail whose list could not be read this time says nothing.
    if (!input.liveJails.has(k.jail)) return true;
    if (!input.current.has(k.jail)) return false;
    return !currentKeys.has(banKey(k.jail, k.id, k.bannedAt));
  });
  return { appeared, missing };
}
