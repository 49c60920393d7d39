import type { RecordedEvent } from '@bangui/core';
import { canonicalAddress } from './address.ts';
import { type BanKeyTable, createBanKeyTable, type KeyKind } from './ban-key-table.ts';
import { createPairTable, type PairTable } from './pair-table.ts';

/**
 * What the ban projections of one log share: jail names and canonical
 * addresses interned to dense ids, and the ban keys already seen (see
 * ban-key-table.ts), so one BanObserved under a key that was already recorded
 * (another channel, a re-delivered push) is counted once.
 *
 * Why sharing is safe: "the first event with this key" is a fact of the log,
 * not of a projection. The table keeps the smallest position seen per key, so
 * a projection replaying from the start after a reset gets the same answers
 * as when it first applied the events, whatever the other projections did.
 * The table is emptied only when every projection using it is back at a null
 * checkpoint (a full rebuild), which is also when a different log may follow.
 */
export interface BanFacts {
  jail: number;
  address: number;
  /** the (jail, address) pair, see pair-table.ts */
  pair: number;
  /** true when this event is the first of its kind under its ban key */
  first: boolean;
}

export interface NameTable {
  indexOf(value: string): number | undefined;
  at(index: number): string;
  readonly size: number;
}

export interface BanLedger {
  /** the interned key of a ban event; the result is reused, read it at once */
  facts(event: RecordedEvent, kind: KeyKind, jail: string, id: string, bannedAt: number): BanFacts;
  /** the id of an ID in any notation, or undefined when never seen */
  addressIdOf(id: string): number | undefined;
  address(addressId: number): string;
  jail(jailId: number): string;
  /** the interned names for lookups by value (addresses: canonical form only) */
  readonly jails: NameTable;
  readonly addresses: NameTable;
  readonly pairs: Pick<PairTable, 'first' | 'next' | 'jailOf' | 'addressOf' | 'size'>;
  /** a projection using the ledger; `reset` of it may empty the ledger */
  join(checkpoint: () => string | null): void;
  /** call after a member's reset: empties the ledger once no member holds state */
  memberReset(): void;
}

export function createBanLedger(): BanLedger {
  /** both the reported ID and its canonical form point at the address id */
  const addressIds = new Map<string, number>();
  const addresses: string[] = [];
  const jailIds = new Map<string, number>();
  const jails: string[] = [];
  const keys: BanKeyTable = createBanKeyTable();
  const pairs = createPairTable();
  const members: (() => string | null)[] = [];
  // The runner hands one event to every projection in turn: answer it once.
  let lastEvent: RecordedEvent | undefined;
  let lastKind: KeyKind | undefined;
  const last: BanFacts = { jail: 0, address: 0, pair: 0, first: false };

  function internAddress(id: string): number {
    let a = addressIds.get(id);
    if (a !== undefined) return a;
    const canonical = canonicalAddress(id);
    a = addressIds.get(canonical);
    if (a === undefined) {
      a = addresses.length;
      addresses.push(canonical);
      addressIds.set(canonical, a);
    }
    if (canonical !== id) addressIds.set(id, a);
    return a;
  }

  function internJail(name: string): number {
    let j = jailIds.get(name);
    if (j === undefined) {
      j = jails.length;
      jails.push(name);
      jailIds.set(name, j);
    }
    return j;
  }

  return {
    facts(event, kind, jail, id, bannedAt) {
      if (event === lastEvent && kind === lastKind) return last;
      last.jail = internJail(jail);
      last.address = internAddress(id);
      last.pair = pairs.intern(last.jail, last.address);
      last.first = keys.claim(kind, last.jail, last.address, bannedAt, event.position);
      lastEvent = event;
      lastKind = kind;
      return last;
    },
    addressIdOf(id) {
      return addressIds.get(id) ?? addressIds.get(canonicalAddress(id));
    },
    address: (addressId) => addresses[addressId] as string,
    jail: (jailId) => jails[jailId] as string,
    jails: {
      indexOf: (name) => jailIds.get(name),
      at: (j) => jails[j] as string,
      get size() {
        return jails.length;
      },
    },
    addresses: {
      indexOf: (canonical) => addressIds.get(canonical),
      at: (a) => addresses[a] as string,
      get size() {
        return addresses.length;
      },
    },
    pairs,
    join(checkpoint) {
      members.push(checkpoint);
    },
    memberReset() {
      if (members.some((checkpoint) => checkpoint() !== null)) return;
      addressIds.clear();
      addresses.length = 0;
      jailIds.clear();
      jails.length = 0;
      keys.clear();
      pairs.clear();
      lastEvent = undefined;
      lastKind = undefined;
    },
  };
}
