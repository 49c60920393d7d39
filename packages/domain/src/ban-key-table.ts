import { comparePositions, type EncodedPosition, encodePosition } from './position.ts';

/**
 * Ban keys (jail id, address id, time of ban in whole seconds) to the position
 * of the first BanObserved and the first BanEnded recorded under each, so "is
 * this event the first with its key?" is one lookup.
 *
 * Why an open-addressing table over typed arrays: the Map-of-Maps it replaces
 * cost ~40 bytes of heap per (jail, address) per projection plus a boxed number
 * per time of ban, and string hashing on every event. Here a key costs one slot
 * of 32 bytes (at most half the slots are used), outside the JavaScript heap,
 * and the table is shared by every projection of one log.
 */
export type KeyKind = 'observed' | 'ended';

const EMPTY = 0;
/** a first position kept in `overflow`; real positions are never negative */
const LONG = -1;
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
  /** first positions, NaN for none yet, LONG when kept in `overflow` */
  let observed = new Float64Array(0);
  let ended = new Float64Array(0);
  /** slot * 2 + (0 observed | 1 ended) -> a position too long for a double */
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
    observed = new Float64Array(capacity);
    ended = new Float64Array(capacity);
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

  /**
   * The rare path: a position too long for a double (never with BanGUI's stores,
   * which would need 10^15 events) kept as a string, compared as positions are.
   */
  function claimLong(column: Float64Array, i: number, tag: number, encoded: EncodedPosition) {
    const stored = column[i] as number;
    const key = i * 2 + tag;
    if (typeof encoded === 'number') {
      // Only reached when `stored` is a long position, which is later.
      column[i] = encoded;
      overflow.delete(key);
      return true;
    }
    if (stored === LONG) {
      const old = overflow.get(key) as string;
      if (comparePositions(encoded, old) < 0) {
        overflow.set(key, encoded);
        return true;
      }
      return encoded === old;
    }
    if (!Number.isNaN(stored)) return false;
    column[i] = LONG;
    overflow.set(key, encoded);
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
        observed[i] = Number.NaN;
        ended[i] = Number.NaN;
        size++;
      }
      const column = kind === 'observed' ? observed : ended;
      const stored = column[i] as number;
      const encoded = encodePosition(position);
      if (typeof encoded !== 'number' || stored === LONG) {
        return claimLong(column, i, kind === 'observed' ? 0 : 1, encoded);
      }
      if (Number.isNaN(stored) || encoded < stored) {
        column[i] = encoded;
        return true;
      }
      return encoded === stored;
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
      observed = new Float64Array(0);
      ended = new Float64Array(0);
      overflow.clear();
    },
  };
}
