import { comparePositions, encodePosition } from './position.ts';

/**
 * Ban keys (jail id, address id, time of ban in whole seconds) to the position
 * of the first BanObserved and the first BanEnded recorded under each, so "is
 * this event the first with its key?" is one lookup.
 *
 * Why an open-addressing table over typed arrays: the Map-of-Maps it replaces
 * cost ~40 bytes of heap per (jail, address) per projection plus a boxed number
 * per time of ban, and string hashing on every event. Here a key costs one slot
 * of 24 bytes (at most half the slots are used), outside the JavaScript heap,
 * and the table is shared by every projection of one log. Positions are kept as
 * 32-bit numbers; a log past 4 billion events falls back to strings.
 */
export type KeyKind = 'observed' | 'ended';

const EMPTY = 0;
/** position columns: NONE = nothing recorded yet, LONG = kept in `overflow`, else position + 1 */
const NONE = 0;
const LONG = 0xffffffff;
const MIN_CAPACITY = 1024;

export interface BanKeyTable {
  /**
   * Records `position` for the key (the smallest recorded position wins) and
   * returns true when `position` is the first of its kind under this key.
   */
  claim(
    kind: KeyKind,
    jail: number,
    address: number,
    bannedAtMs: number,
    position: string,
  ): boolean;
  readonly size: number;
  clear(): void;
}

export function createBanKeyTable(): BanKeyTable {
  let capacity = 0;
  let size = 0;
  /** jail id + 1, so 0 marks an empty slot */
  let jails = new Uint32Array(0);
  let addresses = new Uint32Array(0);
  let seconds = new Float64Array(0);
  /** first positions (see NONE and LONG) */
  let observed = new Uint32Array(0);
  let ended = new Uint32Array(0);
  /** slot * 2 + (0 observed | 1 ended) -> a position too large for the columns */
  const overflow = new Map<number, string>();

  function hash(jail: number, address: number, s: number): number {
    // The high part keeps times of ban 2^32 s apart from colliding on every key.
    let h = Math.imul(address, 0x9e3779b1) ^ Math.imul(jail + 1, 0x85ebca77);
    h ^= Math.imul(s | 0, 0xc2b2ae3d) ^ Math.imul((s / 4294967296) | 0, 0x27d4eb2f);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return (h ^ (h >>> 12)) >>> 0;
  }

  /** the slot holding the key, or the empty slot where it belongs */
  function slotOf(jail: number, address: number, s: number): number {
    const mask = capacity - 1;
    let i = hash(jail, address, s) & mask;
    for (;;) {
      const j = jails[i] as number;
      if (j === EMPTY) return i;
      if (j === jail + 1 && addresses[i] === address && seconds[i] === s) return i;
      i = (i + 1) & mask;
    }
  }

  function grow(): void {
    const old = { capacity, jails, addresses, seconds, observed, ended };
    capacity = Math.max(MIN_CAPACITY, capacity * 2);
    jails = new Uint32Array(capacity);
    addresses = new Uint32Array(capacity);
    seconds = new Float64Array(capacity);
    observed = new Uint32Array(capacity);
    ended = new Uint32Array(capacity);
    for (let i = 0; i < old.capacity; i++) {
      const j = old.jails[i] as number;
      if (j === EMPTY) continue;
      const s = old.seconds[i] as number;
      const a = old.addresses[i] as number;
      const to = slotOf(j - 1, a, s);
      jails[to] = j;
      addresses[to] = a;
      seconds[to] = s;
      observed[to] = old.observed[i] as number;
      ended[to] = old.ended[i] as number;
    }
    if (overflow.size > 0) {
      const moved = [...overflow];
      overflow.clear();
      for (const [key, value] of moved) {
        const from = key >> 1;
        const to = slotOf(
          (old.jails[from] as number) - 1,
          old.addresses[from] as number,
          old.seconds[from] as number,
        );
        overflow.set(to * 2 + (key & 1), value);
      }
    }
  }

  /** position + 1 when it fits the columns, else 0 */
  function short(position: string): number {
    const encoded = encodePosition(position);
    return typeof encoded === 'number' && encoded < LONG - 1 ? encoded + 1 : 0;
  }

  /**
   * The rare path: a position past the columns' range (4 billion events) or
   * a slot whose first position is, compared as positions are.
   */
  function claimLong(column: Uint32Array, i: number, tag: number, position: string, n: number) {
    const key = i * 2 + tag;
    if (n !== 0) {
      // A short position while the stored one is long: the short one is earlier.
      column[i] = n;
      overflow.delete(key);
      return true;
    }
    const stored = column[i] as number;
    if (stored === LONG) {
      const old = overflow.get(key) as string;
      if (comparePositions(position, old) < 0) {
        overflow.set(key, position);
        return true;
      }
      return position === old;
    }
    if (stored !== NONE) return false;
    column[i] = LONG;
    overflow.set(key, position);
    return true;
  }

  return {
    claim(kind, jail, address, bannedAtMs, position) {
      if ((size + 1) * 2 > capacity) grow();
      const s = Math.floor(bannedAtMs / 1000);
      const i = slotOf(jail, address, s);
      if (jails[i] === EMPTY) {
        jails[i] = jail + 1;
        addresses[i] = address;
        seconds[i] = s;
        observed[i] = NONE;
        ended[i] = NONE;
        size++;
      }
      const column = kind === 'observed' ? observed : ended;
      const stored = column[i] as number;
      const n = short(position);
      if (n === 0 || stored === LONG) {
        return claimLong(column, i, kind === 'observed' ? 0 : 1, position, n);
      }
      if (stored === NONE || n < stored) {
        column[i] = n;
        return true;
      }
      return n === stored;
    },
    get size() {
      return size;
    },
    clear() {
      capacity = 0;
      size = 0;
      jails = new Uint32Array(0);
      addresses = new Uint32Array(0);
      seconds = new Float64Array(0);
      observed = new Uint32Array(0);
      ended = new Uint32Array(0);
      overflow.clear();
    },
  };
}
