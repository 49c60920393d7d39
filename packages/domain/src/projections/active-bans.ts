import type { RecordedEvent } from '@bangui/core';
import { canonicalAddress } from '../address.ts';
import { asBanEnded, asBanObserved } from '../event-guards.ts';
import type { ObservationSource } from '../events.ts';
import { createCheckpointGate, type Projection } from '../projection.ts';

export interface ActiveBan {
  jail: string;
  /** exactly as fail2ban reported it */
  id: string;
  bannedAt: number;
  bantimeSeconds: number;
  endsAt: number | null;
  endsBeyondRange: boolean;
  source: ObservationSource;
}

export interface ActiveBansQuery {
  jail?: string;
  /** case-insensitive substring of the ID, or an address in any notation */
  q?: string;
  offset?: number;
  limit?: number;
}

export interface ActiveBansPage {
  total: number;
  items: ActiveBan[];
}

export interface ActiveBansProjection extends Projection {
  query(query: ActiveBansQuery): ActiveBansPage;
  /** jails where `address` (any notation) is banned now */
  bannedIn(address: string): ActiveBan[];
  /** the whole state, for equality checks between an incremental build and a rebuild */
  state(): unknown;
}

/**
 * jail -> canonical address -> the ban in force. fail2ban holds at most one ban
 * per (jail, address), so a newer observation replaces an older one, and an end
 * only removes the ban it names (by time of ban).
 *
 * `ended` remembers, per (jail, address), the time of ban of the newest ban that
 * ended, so a re-delivered BanObserved of an ended ban cannot resurrect it.
 * Memory: ~150 bytes per active ban plus ~40 bytes per (jail, address) that ever ended.
 */
export function createActiveBansProjection(): ActiveBansProjection {
  const bans = new Map<string, Map<string, ActiveBan>>();
  const ended = new Map<string, Map<string, number>>();

  function jailMap<V>(maps: Map<string, Map<string, V>>, jail: string): Map<string, V> {
    let m = maps.get(jail);
    if (!m) {
      m = new Map();
      maps.set(jail, m);
    }
    return m;
  }

  function handle(event: RecordedEvent): void {
    const observed = asBanObserved(event);
    if (observed) {
      const address = canonicalAddress(observed.id);
      const lastEnded = ended.get(observed.jail)?.get(address);
      if (lastEnded !== undefined && observed.bannedAt <= lastEnded) return;
      const current = bans.get(observed.jail)?.get(address);
      // Equal time of ban = the same ban seen again: the first observation stands.
      if (current && current.bannedAt >= observed.bannedAt) return;
      jailMap(bans, observed.jail).set(address, {
        jail: observed.jail,
        id: observed.id,
        bannedAt: observed.bannedAt,
        bantimeSeconds: observed.bantimeSeconds,
        endsAt: observed.endsAt ?? null,
        endsBeyondRange: observed.endsBeyondRange === true,
        source: observed.source,
      });
      return;
    }
    const end = asBanEnded(event);
    if (!end) return;
    const address = canonicalAddress(end.id);
    const endedMap = jailMap(ended, end.jail);
    endedMap.set(address, Math.max(endedMap.get(address) ?? -Infinity, end.bannedAt));
    const perJail = bans.get(end.jail);
    const current = perJail?.get(address);
    if (perJail && current && current.bannedAt <= end.bannedAt) {
      perJail.delete(address);
      if (perJail.size === 0) bans.delete(end.jail);
    }
  }

  const gate = createCheckpointGate(handle);

  function matcher(q: string | undefined): (ban: ActiveBan, address: string) => boolean {
    if (!q?.trim()) return () => true;
    const needle = q.trim().toLowerCase();
    const canonical = canonicalAddress(q.trim());
    return (ban, address) => address === canonical || ban.id.toLowerCase().includes(needle);
  }

  return {
    name: 'active-bans',
    checkpoint: gate.checkpoint,
    apply: gate.apply,
    reset() {
      bans.clear();
      ended.clear();
      gate.reset();
    },
    query({ jail, q, offset = 0, limit = 100 }) {
      const matches = matcher(q);
      const items: ActiveBan[] = [];
      const jails = jail === undefined ? [...bans.values()] : [bans.get(jail) ?? new Map()];
      for (const perJail of jails) {
        for (const [address, ban] of perJail) if (matches(ban, address)) items.push(ban);
      }
      // Newest first; ties broken by jail then ID so pages are stable.
      items.sort(
        (a, b) =>
          b.bannedAt - a.bannedAt ||
          (a.jail < b.jail ? -1 : a.jail > b.jail ? 1 : 0) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
      const start = Math.max(0, Math.floor(offset));
      return { total: items.length, items: items.slice(start, start + Math.max(0, limit)) };
    },
    bannedIn(address) {
      const canonical = canonicalAddress(address);
      const found: ActiveBan[] = [];
      for (const perJail of bans.values()) {
        const ban = perJail.get(canonical);
        if (ban) found.push(ban);
      }
      return found;
    },
    state: () => ({ checkpoint: gate.checkpoint(), bans, ended }),
  };
}
