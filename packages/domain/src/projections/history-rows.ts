import type { NameTable } from '../ban-ledger.ts';
import { grown } from '../grown.ts';
import { decodePosition, encodePosition } from '../position.ts';
import { createInterningTable } from './interning-table.ts';

/**
 * Ban history as columns of typed arrays: one row per BanObserved ("ban") and per
 * BanEnded ("unban"). Why columns: a million rows as objects would cost ~250 MB
 * of heap; as columns they cost ~70 bytes each (~70 MB per million, measured in
 * the projections benchmark), and scanning a time range touches only the columns a
 * query reads. Strings (IDs, sources, actors) are interned once; jails and
 * addresses are the ban ledger's ids, and an ID that is its address's canonical
 * form (most are) is not interned again (-1 in the ID column).
 */
export type RowKind = 'ban' | 'unban';

export interface HistoryRow {
  row: number;
  kind: RowKind;
  /** time of ban for a ban row, end time for an unban row */
  at: number;
  bannedAt: number;
  jail: string;
  /** the ID exactly as reported */
  id: string;
  bantimeSeconds: number | null;
  endsAt: number | null;
  endsBeyondRange: boolean;
  source: string;
  /** unban reason, '' for bans */
  reason: string;
  actor: string | null;
  position: string;
}

export interface RowInput extends Omit<HistoryRow, 'row' | 'jail'> {
  /** the ban ledger's jail id */
  jail: number;
  /** the ban ledger's address id (canonical address), the key for comparisons */
  address: number;
}

/** an ID column entry: the ID is the address's canonical form */
const CANONICAL_ID = -1;

export function createHistoryRows(names: { jails: NameTable; addresses: NameTable }) {
  const { jails, addresses } = names;
  let capacity = 0;
  let length = 0;
  let kind = new Uint8Array(0);
  let at = new Float64Array(0);
  let bannedAt = new Float64Array(0);
  let bantime = new Float64Array(0);
  let endsAt = new Float64Array(0);
  let flags = new Uint8Array(0);
  let jail = new Uint32Array(0);
  let address = new Uint32Array(0);
  let id = new Int32Array(0);
  let source = new Uint8Array(0);
  let reason = new Uint8Array(0);
  let actor = new Int32Array(0);
  let position = new Float64Array(0);
  /** previous row of the same address, -1 for none: an address's history is a chain */
  let previousOfAddress = new Int32Array(0);
  /** positions that do not fit a double exactly (never with BanGUI's stores) */
  const positionOverflow = new Map<number, string>();
  /** by address id, -1 for none */
  let lastRowOfAddress = new Int32Array(0);
  /** by address id: the row where it was first reported, whose ID lists display */
  let firstRowOfAddress = new Int32Array(0);

  const ids = createInterningTable();
  const sources = createInterningTable();
  const reasons = createInterningTable();
  const actors = createInterningTable();

  function ensureAddress(a: number): void {
    if (a < lastRowOfAddress.length) return;
    const old = lastRowOfAddress.length;
    const capacity = Math.max(1024, old * 2, a + 1);
    lastRowOfAddress = grown(lastRowOfAddress, capacity);
    firstRowOfAddress = grown(firstRowOfAddress, capacity);
    lastRowOfAddress.fill(-1, old);
    firstRowOfAddress.fill(-1, old);
  }

  function idOf(row: number): string {
    const i = id[row] as number;
    return i === CANONICAL_ID ? addresses.at(address[row] as number) : ids.at(i);
  }

  function ensure(needed: number): void {
    if (needed <= capacity) return;
    capacity = Math.max(1024, capacity * 2, needed);
    kind = grown(kind, capacity);
    at = grown(at, capacity);
    bannedAt = grown(bannedAt, capacity);
    bantime = grown(bantime, capacity);
    endsAt = grown(endsAt, capacity);
    flags = grown(flags, capacity);
    jail = grown(jail, capacity);
    address = grown(address, capacity);
    id = grown(id, capacity);
    source = grown(source, capacity);
    reason = grown(reason, capacity);
    actor = grown(actor, capacity);
    position = grown(position, capacity);
    previousOfAddress = grown(previousOfAddress, capacity);
  }

  return {
    get length() {
      return length;
    },
    jails,
    addresses,
    actors,
    sources,
    push(input: RowInput): number {
      ensure(length + 1);
      const row = length++;
      kind[row] = input.kind === 'ban' ? 0 : 1;
      at[row] = input.at;
      bannedAt[row] = input.bannedAt;
      bantime[row] = input.bantimeSeconds ?? Number.NaN;
      endsAt[row] = input.endsAt ?? Number.NaN;
      flags[row] = input.endsBeyondRange ? 1 : 0;
      jail[row] = input.jail;
      const a = input.address;
      ensureAddress(a);
      address[row] = a;
      id[row] = input.id === addresses.at(a) ? CANONICAL_ID : ids.intern(input.id);
      if (firstRowOfAddress[a] === -1) firstRowOfAddress[a] = row;
      source[row] = sources.intern(input.source);
      reason[row] = reasons.intern(input.reason);
      actor[row] = input.actor === null ? -1 : actors.intern(input.actor);
      const encoded = encodePosition(input.position);
      if (typeof encoded === 'number') position[row] = encoded;
      else {
        position[row] = Number.NaN;
        positionOverflow.set(row, encoded);
      }
      previousOfAddress[row] = lastRowOfAddress[a] as number;
      lastRowOfAddress[a] = row;
      return row;
    },
    /** the raw columns hot loops read (valid until the next push): 0 = ban in `kind` */
    columns: () => ({ kind, jail, address }),
    kindOf: (row: number): RowKind => (kind[row] === 0 ? 'ban' : 'unban'),
    atOf: (row: number) => at[row] as number,
    bannedAtOf: (row: number) => bannedAt[row] as number,
    jailOf: (row: number) => jail[row] as number,
    addressOf: (row: number) => address[row] as number,
    sourceOf: (row: number) => source[row] as number,
    reasonOf: (row: number) => reasons.at(reason[row] as number),
    actorOf: (row: number) => actor[row] as number,
    setActor(row: number, actorName: string): void {
      actor[row] = actors.intern(actorName);
    },
    /** newest row of an address, -1 for none */
    lastRowOf: (addressIndex: number) =>
      addressIndex < lastRowOfAddress.length ? (lastRowOfAddress[addressIndex] as number) : -1,
    previousOf: (row: number) => previousOfAddress[row] as number,
    read(row: number): HistoryRow {
      const a = actor[row] as number;
      const end = endsAt[row] as number;
      const time = bantime[row] as number;
      const p = position[row] as number;
      return {
        row,
        kind: kind[row] === 0 ? 'ban' : 'unban',
        at: at[row] as number,
        bannedAt: bannedAt[row] as number,
        jail: jails.at(jail[row] as number),
        id: idOf(row),
        bantimeSeconds: Number.isNaN(time) ? null : time,
        endsAt: Number.isNaN(end) ? null : end,
        endsBeyondRange: flags[row] === 1,
        source: sources.at(source[row] as number),
        reason: reasons.at(reason[row] as number),
        actor: a < 0 ? null : actors.at(a),
        position: Number.isNaN(p) ? (positionOverflow.get(row) as string) : decodePosition(p),
      };
    },
    /** the first ID reported for an address, for display */
    displayIdOf(addressIndex: number): string {
      return idOf(firstRowOfAddress[addressIndex] as number);
    },
    clear(): void {
      length = 0;
      capacity = 0;
      for (const t of [ids, sources, reasons, actors]) t.clear();
      kind = new Uint8Array(0);
      at = new Float64Array(0);
      bannedAt = new Float64Array(0);
      bantime = new Float64Array(0);
      endsAt = new Float64Array(0);
      flags = new Uint8Array(0);
      jail = new Uint32Array(0);
      address = new Uint32Array(0);
      id = new Int32Array(0);
      source = new Uint8Array(0);
      reason = new Uint8Array(0);
      actor = new Int32Array(0);
      position = new Float64Array(0);
      previousOfAddress = new Int32Array(0);
      positionOverflow.clear();
      lastRowOfAddress = new Int32Array(0);
      firstRowOfAddress = new Int32Array(0);
    },
  };
}

export type HistoryRows = ReturnType<typeof createHistoryRows>;
