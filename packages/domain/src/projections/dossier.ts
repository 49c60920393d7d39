import type { RecordedEvent } from '@bangui/core';
import { ledgerForProjection } from '../ban-ledger-scope.ts';
import { asBanEnded, asBanObserved } from '../event-guards.ts';
import { NO_PAIR } from '../pair-table.ts';
import { decodePosition, type EncodedPosition, encodePosition } from '../position.ts';
import { createCheckpointGate, type Projection } from '../projection.ts';
import { ACTIVE, BEYOND_RANGE, createDossierColumns, ENDS_NULL } from './dossier-columns.ts';

export interface DossierBan {
  jail: string;
  bannedAt: number;
  endsAt: number | null;
  endsBeyondRange: boolean;
}

export interface Dossier {
  /** the ID as first reported */
  id: string;
  /** canonical form, the key */
  address: string;
  timesBanned: number;
  jails: { jail: string; bans: number }[];
  /** earliest and latest time of ban */
  firstSeen: number;
  lastSeen: number;
  currentlyBannedIn: DossierBan[];
  /** positions of its newest events, newest first (read them for the full history) */
  recentPositions: string[];
}

export interface DossierProjection extends Projection {
  /** null for an address never banned */
  get(address: string): Dossier | null;
  state(): unknown;
}

/** The shape `state()` reports, as the dossier held it before it used columns. */
interface JailRecord {
  jail: string;
  bans: number;
  active: DossierBan | null;
  lastEnded: number;
}

interface AddressRecord {
  id: string;
  timesBanned: number;
  firstSeen: number;
  lastSeen: number;
  jails: JailRecord[];
  recent: EncodedPosition[];
}

/**
 * Per canonical address: how often, where, when, whether banned now, and where
 * its newest events are in the log. Memory: ~60 bytes per address and ~40 per
 * (address, jail) in typed arrays (see dossier-columns.ts), plus 8 bytes per
 * remembered position (see the projections benchmark).
 */
export function createDossierProjection(options: { recentLimit?: number } = {}): DossierProjection {
  const recentLimit = options.recentLimit ?? 20;
  const columns = createDossierColumns();
  const ledger = ledgerForProjection();
  const { pairs } = ledger;

  function remember(address: number, position: string): void {
    const recent = columns.recent(address);
    recent.push(encodePosition(position));
    if (recent.length > recentLimit) recent.shift();
  }

  function handle(event: RecordedEvent): void {
    const observed = asBanObserved(event);
    if (observed) {
      const { jail, bannedAt } = observed;
      const facts = ledger.facts(event, 'observed', jail, observed.id, bannedAt);
      if (!facts.first) return;
      const a = facts.address;
      if (!columns.has(a)) columns.add(a, observed.id, bannedAt);
      columns.countBan(a, bannedAt);
      const p = facts.pair;
      columns.countPairBan(p);
      const newer = !(columns.flagsOf(p) & ACTIVE) || columns.activeBannedAt(p) < bannedAt;
      if (newer && bannedAt > columns.lastEnded(p)) {
        columns.setActive(p, bannedAt, observed.endsAt ?? null, observed.endsBeyondRange === true);
      }
      remember(a, event.position);
      return;
    }
    const end = asBanEnded(event);
    if (!end) return;
    const facts = ledger.facts(event, 'ended', end.jail, end.id, end.bannedAt);
    if (!facts.first || !columns.has(facts.address)) return;
    const p = facts.pair;
    if (columns.bansOf(p) === 0) return; // an end without its ban: nothing to say about it
    columns.end(p, end.bannedAt);
    remember(facts.address, event.position);
  }

  const gate = createCheckpointGate(handle);
  ledger.join(gate.checkpoint);

  function activeBan(p: number): DossierBan | null {
    const flags = columns.flagsOf(p);
    if (!(flags & ACTIVE)) return null;
    return {
      jail: ledger.jail(pairs.jailOf(p)),
      bannedAt: columns.activeBannedAt(p),
      endsAt: flags & ENDS_NULL ? null : columns.activeEndsAt(p),
      endsBeyondRange: (flags & BEYOND_RANGE) !== 0,
    };
  }

  function record(a: number): AddressRecord {
    const { id, timesBanned, firstSeen, lastSeen, recent } = columns.address(a);
    const jails: JailRecord[] = [];
    for (let p = pairs.first(a); p !== NO_PAIR; p = pairs.next(p)) {
      if (columns.bansOf(p) === 0) continue;
      jails.push({
        jail: ledger.jail(pairs.jailOf(p)),
        bans: columns.bansOf(p),
        active: activeBan(p),
        lastEnded: columns.lastEnded(p),
      });
    }
    return { id, timesBanned, firstSeen, lastSeen, jails, recent: [...recent] };
  }

  return {
    name: 'dossier',
    checkpoint: gate.checkpoint,
    apply: gate.apply,
    reset() {
      columns.clear();
      gate.reset();
      ledger.memberReset();
    },
    get(address) {
      const a = ledger.addressIdOf(address);
      if (a === undefined || !columns.has(a)) return null;
      const r = record(a);
      const jails = r.jails.sort((x, y) => (x.jail < y.jail ? -1 : x.jail > y.jail ? 1 : 0));
      return {
        id: r.id,
        address: ledger.address(a),
        timesBanned: r.timesBanned,
        jails: jails.map((j) => ({ jail: j.jail, bans: j.bans })),
        firstSeen: r.firstSeen,
        lastSeen: r.lastSeen,
        currentlyBannedIn: jails.flatMap((j) => (j.active ? [j.active] : [])),
        recentPositions: r.recent.map(decodePosition).reverse(),
      };
    },
    state() {
      // Records keyed by canonical address: the shape it had before the columns.
      const records = new Map<string, AddressRecord>();
      for (let a = 0; a < columns.addressBound; a++) {
        if (columns.has(a)) records.set(ledger.address(a), record(a));
      }
      return { checkpoint: gate.checkpoint(), records };
    },
  };
}
