import type { RecordedEvent } from '@bangui/core';
import { canonicalAddress } from '../address.ts';
import { ledgerForProjection } from '../ban-ledger-scope.ts';
import { asBanEnded, asBanObserved } from '../event-guards.ts';
import type { ObservationSource } from '../events.ts';
import { grown } from '../grown.ts';
import { NO_PAIR } from '../pair-table.ts';
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
 * The ban in force per (jail, address) pair of the ban ledger. fail2ban holds at
 * most one ban per (jail, address), so a newer observation replaces an older one,
 * and an end only removes the ban it names (by time of ban).
 *
 * `ended` remembers, per pair, the time of ban of the newest ban that ended, so a
 * re-delivered BanObserved of an ended ban cannot resurrect it. Memory: ~150
 * bytes per active ban plus 8 bytes per pair (a typed array, -Infinity = none).
 */
export function createActiveBansProjection(): ActiveBansProjection {
  const ledger = ledgerForProjection();
  const { pairs } = ledger;
  const bans = new Map<number, ActiveBan>();
  let ended = new Float64Array(0);

  const endedOf = (pair: number) =>
    pair < ended.length ? (ended[pair] as number) : Number.NEGATIVE_INFINITY;

  function setEnded(pair: number, bannedAt: number): void {
    if (pair >= ended.length) {
      const old = ended.length;
      ended = grown(ended, Math.max(1024, old * 2, pair + 1));
      ended.fill(Number.NEGATIVE_INFINITY, old);
    }
    ended[pair] = bannedAt;
  }

  const addressOf = (pair: number) => ledger.address(pairs.addressOf(pair));

  function handle(event: RecordedEvent): void {
    const observed = asBanObserved(event);
    if (observed) {
      const { pair } = ledger.facts(
        event,
        'observed',
        observed.jail,
        observed.id,
        observed.bannedAt,
      );
      if (observed.bannedAt <= endedOf(pair)) return;
      const current = bans.get(pair);
      // Equal time of ban = the same ban seen again: the first observation stands.
      if (current && current.bannedAt >= observed.bannedAt) return;
      bans.set(pair, {
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
    const { pair } = ledger.facts(event, 'ended', end.jail, end.id, end.bannedAt);
    setEnded(pair, Math.max(endedOf(pair), end.bannedAt));
    const current = bans.get(pair);
    if (current && current.bannedAt <= end.bannedAt) bans.delete(pair);
  }

  const gate = createCheckpointGate(handle);
  ledger.join(gate.checkpoint);

  function matcher(q: string | undefined): (ban: ActiveBan, address: string) => boolean {
    if (!q?.trim()) return () => true;
    const needle = q.trim().toLowerCase();
    const canonical = canonicalAddress(q.trim());
    return (ban, address) => address === canonical || ban.id.toLowerCase().includes(needle);
  }

  function byJail<V>(maps: Map<string, Map<string, V>>, jail: string): Map<string, V> {
    let m = maps.get(jail);
    if (!m) {
      m = new Map();
      maps.set(jail, m);
    }
    return m;
  }

  return {
    name: 'active-bans',
    checkpoint: gate.checkpoint,
    apply: gate.apply,
    reset() {
      bans.clear();
      ended = new Float64Array(0);
      gate.reset();
      ledger.memberReset();
    },
    query({ jail, q, offset = 0, limit = 100 }) {
      const matches = matcher(q);
      const items: ActiveBan[] = [];
      for (const [pair, ban] of bans) {
        if ((jail === undefined || ban.jail === jail) && matches(ban, addressOf(pair))) {
          items.push(ban);
        }
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
      const found: ActiveBan[] = [];
      const a = ledger.addressIdOf(address);
      if (a === undefined) return found;
      for (let pair = pairs.first(a); pair !== NO_PAIR; pair = pairs.next(pair)) {
        const ban = bans.get(pair);
        if (ban) found.push(ban);
      }
      return found;
    },
    state() {
      // jail -> canonical address -> value: the shape it had before the ledger's pairs.
      const bansByJail = new Map<string, Map<string, ActiveBan>>();
      for (const [pair, ban] of bans) byJail(bansByJail, ban.jail).set(addressOf(pair), ban);
      const endedByJail = new Map<string, Map<string, number>>();
      for (let pair = 0; pair < ended.length && pair < pairs.size; pair++) {
        const t = ended[pair] as number;
        if (t === Number.NEGATIVE_INFINITY) continue;
        byJail(endedByJail, ledger.jail(pairs.jailOf(pair))).set(addressOf(pair), t);
      }
      return { checkpoint: gate.checkpoint(), bans: bansByJail, ended: endedByJail };
    },
  };
}
