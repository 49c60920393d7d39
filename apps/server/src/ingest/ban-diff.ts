import type { BanEntry } from '@bangui/fail2ban';
import { SAME_BAN_TOLERANCE_MS } from './decide-ban.ts';
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
  /** bans fail2ban has that the log does not know (a newer ban of a known ID among them) */
  appeared: Array<{ jail: string; ban: BanEntry }>;
  /** bans the log thinks active whose ID fail2ban no longer has banned in that jail */
  missing: KnownBan[];
}

/**
 * The difference between fail2ban's bans and the log's, by (jail, ID): fail2ban
 * holds at most one ban per (jail, ID). The same ID with a time of ban within
 * the tolerance is the same ban (a restored ban, or one another channel
 * recorded with its time rounded instead of floored); a different time is a
 * newer ban, reported as appeared only: recording it ends the older one in the
 * same append.
 */
export function diffBans(input: BanDiffInput): BanDiff {
  const knownByPair = new Map(input.known.map((k) => [pairKey(k.jail, k.id), k] as const));
  const currentPairs = new Set<string>();
  const appeared: BanDiff['appeared'] = [];
  for (const [jail, bans] of input.current) {
    for (const ban of bans) {
      const pair = pairKey(jail, ban.id);
      currentPairs.add(pair);
      const known = knownByPair.get(pair);
      if (!known || Math.abs(known.bannedAt - ban.startedAt) > SAME_BAN_TOLERANCE_MS) {
        appeared.push({ jail, ban });
      }
    }
  }
  const missing = input.known.filter((k) => {
    // A jail fail2ban no longer has lifted its bans when it stopped. A live
    // jail whose list could not be read this time says nothing.
    if (!input.liveJails.has(k.jail)) return true;
    if (!input.current.has(k.jail)) return false;
    return !currentPairs.has(pairKey(k.jail, k.id));
  });
  return { appeared, missing };
}

function pairKey(jail: string, id: string): string {
  return JSON.stringify([jail, id]);
}
