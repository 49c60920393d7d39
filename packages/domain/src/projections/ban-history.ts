import type { RecordedEvent } from '@bangui/core';
import { type CidrRange, canonicalAddress, cidrContains, parseCidr } from '../address.ts';
import { ledgerForProjection } from '../ban-ledger-scope.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { asAdminAction, asBanEnded, asBanObserved, metadataActor } from '../event-guards.ts';
import type { BanRequestedData } from '../events.ts';
import { InvalidQueryError } from '../invalid-query-error.ts';
import { createCheckpointGate, type Projection } from '../projection.ts';
import { topN } from '../top-n.ts';
import { createBanAttribution } from './ban-attribution.ts';
import { createHistoryRows, type HistoryRow, type RowKind } from './history-rows.ts';
import { createTimeIndex } from './history-time-index.ts';

export type HistoryEntry = Omit<HistoryRow, 'row'>;

export interface HistoryQuery {
  jail?: string;
  /** one address, any notation */
  address?: string;
  /** a network such as 203.0.113.0/24; non-IP IDs never match */
  cidr?: string;
  /** inclusive, ms epoch */
  from?: number;
  /** exclusive, ms epoch */
  to?: number;
  kind?: RowKind;
  /** the observation channel: poll, backfill, push */
  origin?: string;
  actor?: string;
  cursor?: string;
  limit?: number;
}

export interface HistoryPage {
  items: HistoryEntry[];
  /** pass back for the next (older) page; null at the end */
  nextCursor: string | null;
}

export interface TopQuery {
  from: number;
  to: number;
  jails?: readonly string[];
  limit?: number;
}

export interface TopCounts {
  /** `id` as first reported, `address` canonical */
  topAddresses: { id: string; address: string; bans: number }[];
  topJails: { jail: string; bans: number }[];
}

export interface BanHistoryProjection extends Projection {
  /** newest first by event time (ban time for bans, end time for unbans) */
  page(query: HistoryQuery): HistoryPage;
  /** bans with a time of ban in [from, to), counted per address and per jail */
  top(query: TopQuery): TopCounts;
  state(): unknown;
}

export const MAX_HISTORY_PAGE = 1000;

/**
 * Every ban and unban as a row (see history-rows.ts for the memory layout), with
 * a time index for ranges and a per-address chain for one address's history.
 * Top-N over a range counts the range's ban rows into a reused typed array (one
 * slot per address, 4 bytes each) and keeps the best with a bounded heap.
 */
export function createBanHistoryProjection(): BanHistoryProjection {
  const ledger = ledgerForProjection();
  const rows = createHistoryRows(ledger);
  const index = createTimeIndex(rows.atOf);
  const attribution = createBanAttribution(rows);
  let scratch = new Uint32Array(0);

  function handle(event: RecordedEvent): void {
    const observed = asBanObserved(event);
    if (observed) {
      const facts = ledger.facts(event, 'observed', observed.jail, observed.id, observed.bannedAt);
      if (!facts.first) return;
      const address = ledger.address(facts.address);
      rows.push({
        kind: 'ban',
        at: observed.bannedAt,
        bannedAt: observed.bannedAt,
        jail: facts.jail,
        address: facts.address,
        id: observed.id,
        bantimeSeconds: observed.bantimeSeconds,
        endsAt: observed.endsAt ?? null,
        endsBeyondRange: observed.endsBeyondRange === true,
        source: observed.source,
        reason: '',
        actor:
          metadataActor(event) ??
          attribution.claim('ban', observed.jail, address, observed.bannedAt),
        position: event.position,
      });
      return;
    }
    const end = asBanEnded(event);
    if (end) {
      const facts = ledger.facts(event, 'ended', end.jail, end.id, end.bannedAt);
      if (!facts.first) return;
      const address = ledger.address(facts.address);
      const viaBangui = end.reason === 'lifted-through-bangui';
      rows.push({
        kind: 'unban',
        at: end.endedAt,
        bannedAt: end.bannedAt,
        jail: facts.jail,
        address: facts.address,
        id: end.id,
        bantimeSeconds: null,
        endsAt: null,
        endsBeyondRange: false,
        source: end.source,
        reason: end.reason,
        actor:
          metadataActor(event) ??
          (viaBangui ? attribution.claim('unban', end.jail, address, end.endedAt) : null),
        position: event.position,
      });
      return;
    }
    const action = asAdminAction(event);
    if (
      action &&
      (action.type === 'BanRequested' || action.type === 'UnbanRequested') &&
      action.data.outcome === 'succeeded' &&
      action.data.actor !== null
    ) {
      const data = action.data as BanRequestedData;
      const kind = action.type === 'BanRequested' ? 'ban' : 'unban';
      for (const id of data.ids ?? []) {
        attribution.requested(kind, data.jail, canonicalAddress(id), data.actor as string, data.at);
      }
    }
  }

  const gate = createCheckpointGate(handle);
  ledger.join(gate.checkpoint);

  function lookup(table: { indexOf(v: string): number | undefined }, value: string | undefined) {
    if (value === undefined) return undefined;
    return table.indexOf(value) ?? -2; // -2: a filter that matches nothing
  }

  function page(query: HistoryQuery): HistoryPage {
    index.sync(rows.length);
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? 100)), MAX_HISTORY_PAGE);
    let range: CidrRange | undefined;
    if (query.cidr !== undefined) {
      range = parseCidr(query.cidr);
      if (!range) throw new InvalidQueryError(`not an IP network: '${query.cidr}'`);
    }
    const jail = lookup(rows.jails, query.jail);
    const source = lookup(rows.sources, query.origin);
    const actor = lookup(rows.actors, query.actor);
    const address =
      query.address === undefined
        ? undefined
        : lookup(rows.addresses, canonicalAddress(query.address));
    const from = query.from ?? -Infinity;
    const [cursorAt, cursorRow] = query.cursor
      ? (decodeCursor(query.cursor, 2) as [number, number])
      : [Infinity, 0];
    const inCidr = new Map<number, boolean>();
    const accepts = (row: number) => {
      if (jail !== undefined && rows.jailOf(row) !== jail) return false;
      if (source !== undefined && rows.sourceOf(row) !== source) return false;
      if (actor !== undefined && rows.actorOf(row) !== actor) return false;
      if (query.kind !== undefined && rows.kindOf(row) !== query.kind) return false;
      if (range) {
        const a = rows.addressOf(row);
        let inside = inCidr.get(a);
        if (inside === undefined) {
          inside = cidrContains(range, rows.addresses.at(a));
          inCidr.set(a, inside);
        }
        if (!inside) return false;
      }
      return true;
    };
    // Candidates newest first, strictly before the cursor and before `to`.
    const isBeforeCursor = (row: number) => {
      const t = rows.atOf(row);
      return t < cursorAt || (t === cursorAt && row < cursorRow);
    };
    const to = query.to ?? Infinity;
    const items: HistoryEntry[] = [];
    let last = -1;
    let more = false;
    const consider = (row: number): boolean => {
      if (!accepts(row)) return true;
      if (items.length === limit) {
        more = true;
        return false;
      }
      const { row: _row, ...entry } = rows.read(row);
      items.push(entry);
      last = row;
      return true;
    };
    if (address !== undefined) {
      const chain: number[] = [];
      for (
        let row = address < 0 ? -1 : rows.lastRowOf(address);
        row >= 0;
        row = rows.previousOf(row)
      ) {
        const t = rows.atOf(row);
        if (t >= from && t < to && isBeforeCursor(row)) chain.push(row);
      }
      chain.sort((a, b) => rows.atOf(b) - rows.atOf(a) || b - a);
      for (const row of chain) if (!consider(row)) break;
    } else {
      const end = Math.min(index.lowerBound(to, 0), index.lowerBound(cursorAt, cursorRow));
      for (let i = end - 1; i >= 0; i--) {
        const row = index.rowAt(i);
        if (rows.atOf(row) < from) break;
        if (!consider(row)) break;
      }
    }
    return { items, nextCursor: more ? encodeCursor([rows.atOf(last), last]) : null };
  }

  function top({ from, to, jails, limit = 10 }: TopQuery): TopCounts {
    index.sync(rows.length);
    if (scratch.length < rows.addresses.size) {
      scratch = new Uint32Array(Math.max(1024, rows.addresses.size * 2));
    }
    const jailCounts = new Uint32Array(rows.jails.size);
    let wanted: Uint8Array | undefined;
    if (jails) {
      wanted = new Uint8Array(rows.jails.size);
      for (const j of jails) {
        const i = rows.jails.indexOf(j);
        if (i !== undefined) wanted[i] = 1;
      }
    }
    const touched: number[] = [];
    // Straight typed-array reads: this loop visits every row of the range.
    const { kind, jail, address } = rows.columns();
    const order = index.rows();
    const end = index.lowerBound(to, 0);
    for (let i = index.lowerBound(from, 0); i < end; i++) {
      const row = order[i] as number;
      if (kind[row] !== 0) continue;
      const j = jail[row] as number;
      if (wanted && wanted[j] !== 1) continue;
      jailCounts[j] = (jailCounts[j] as number) + 1;
      const a = address[row] as number;
      if (scratch[a] === 0) touched.push(a);
      scratch[a] = (scratch[a] as number) + 1;
    }
    // Most bans first; ties by canonical address so the answer is deterministic.
    const addressBetter = (x: number, y: number) => {
      const d = (scratch[x] as number) - (scratch[y] as number);
      return d > 0 || (d === 0 && rows.addresses.at(x) < rows.addresses.at(y));
    };
    const best = topN(touched, limit, addressBetter);
    const topAddresses = best.map((a) => ({
      id: rows.displayIdOf(a),
      address: rows.addresses.at(a),
      bans: scratch[a] as number,
    }));
    for (const a of touched) scratch[a] = 0;
    const jailIndexes = [...jailCounts.keys()].filter((j) => (jailCounts[j] as number) > 0);
    const topJails = topN(jailIndexes, limit, (x, y) => {
      const d = (jailCounts[x] as number) - (jailCounts[y] as number);
      return d > 0 || (d === 0 && rows.jails.at(x) < rows.jails.at(y));
    }).map((j) => ({ jail: rows.jails.at(j), bans: jailCounts[j] as number }));
    return { topAddresses, topJails };
  }

  return {
    name: 'ban-history',
    checkpoint: gate.checkpoint,
    apply: gate.apply,
    reset() {
      rows.clear();
      index.clear();
      attribution.clear();
      scratch = new Uint32Array(0);
      gate.reset();
      ledger.memberReset();
    },
    page,
    top,
    state() {
      const all: HistoryRow[] = [];
      for (let row = 0; row < rows.length; row++) all.push(rows.read(row));
      return { checkpoint: gate.checkpoint(), rows: all };
    },
  };
}
