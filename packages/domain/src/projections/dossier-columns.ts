import { grown } from '../grown.ts';
import type { EncodedPosition } from '../position.ts';

/**
 * The dossier's numbers as typed-array columns: per address (by the ban
 * ledger's address id) and per (address, jail) "pair". Why: as objects (a record
 * per address, a record and a current-ban object per jail, boxed doubles for
 * every time) they cost ~700 bytes of heap per address; as columns ~60 bytes per
 * address plus ~40 per pair, outside the heap. An address's pairs form a chain
 * in first-ban order (an address is banned in few jails, so walking it is cheap).
 */
export const NO_PAIR = -1;
/** pair flags */
export const ACTIVE = 1;
export const ENDS_NULL = 2;
export const BEYOND_RANGE = 4;

export function createDossierColumns() {
  let addressCapacity = 0;
  /** the ID first reported for an address; undefined = no record (never banned) */
  let idOf: (string | undefined)[] = [];
  /** oldest first, at most the dossier's recent limit */
  let recentOf: EncodedPosition[][] = [];
  let timesBanned = new Uint32Array(0);
  let firstSeen = new Float64Array(0);
  let lastSeen = new Float64Array(0);
  let firstPair = new Int32Array(0);
  let lastPair = new Int32Array(0);

  let pairCapacity = 0;
  let pairs = 0;
  let jailOf = new Uint32Array(0);
  let nextPair = new Int32Array(0);
  let bans = new Uint32Array(0);
  let flags = new Uint8Array(0);
  let activeBannedAt = new Float64Array(0);
  let activeEndsAt = new Float64Array(0);
  /** time of ban of the newest ban that ended, so an older one never shows as active */
  let lastEnded = new Float64Array(0);

  function ensureAddress(a: number): void {
    if (a < addressCapacity) return;
    addressCapacity = Math.max(1024, addressCapacity * 2, a + 1);
    timesBanned = grown(timesBanned, addressCapacity);
    firstSeen = grown(firstSeen, addressCapacity);
    lastSeen = grown(lastSeen, addressCapacity);
    firstPair = grown(firstPair, addressCapacity);
    lastPair = grown(lastPair, addressCapacity);
  }

  function addPair(a: number, jail: number): number {
    if (pairs === pairCapacity) {
      pairCapacity = Math.max(1024, pairCapacity * 2);
      jailOf = grown(jailOf, pairCapacity);
      nextPair = grown(nextPair, pairCapacity);
      bans = grown(bans, pairCapacity);
      flags = grown(flags, pairCapacity);
      activeBannedAt = grown(activeBannedAt, pairCapacity);
      activeEndsAt = grown(activeEndsAt, pairCapacity);
      lastEnded = grown(lastEnded, pairCapacity);
    }
    const p = pairs++;
    jailOf[p] = jail;
    nextPair[p] = NO_PAIR;
    lastEnded[p] = Number.NEGATIVE_INFINITY;
    const tail = lastPair[a] as number;
    if (tail === NO_PAIR) firstPair[a] = p;
    else nextPair[tail] = p;
    lastPair[a] = p;
    return p;
  }

  return {
    has: (a: number) => idOf[a] !== undefined,
    /** creates the record of a newly banned address */
    add(a: number, id: string, bannedAt: number): void {
      ensureAddress(a);
      // Push up to `a` so the arrays stay dense (a far index would make them dictionaries).
      while (idOf.length <= a) {
        idOf.push(undefined);
        recentOf.push([]);
      }
      idOf[a] = id;
      recentOf[a] = [];
      firstSeen[a] = bannedAt;
      lastSeen[a] = bannedAt;
      firstPair[a] = NO_PAIR;
      lastPair[a] = NO_PAIR;
    },
    countBan(a: number, bannedAt: number): void {
      timesBanned[a] = (timesBanned[a] as number) + 1;
      if (bannedAt < (firstSeen[a] as number)) firstSeen[a] = bannedAt;
      if (bannedAt > (lastSeen[a] as number)) lastSeen[a] = bannedAt;
    },
    /** the pair of (address, jail), NO_PAIR when the address was never banned there */
    pairOf(a: number, jail: number): number {
      let p = firstPair[a] as number;
      while (p !== NO_PAIR && jailOf[p] !== jail) p = nextPair[p] as number;
      return p;
    },
    addPair,
    /** the address's numbers, for reading */
    address: (a: number) => ({
      id: idOf[a] as string,
      timesBanned: timesBanned[a] as number,
      firstSeen: firstSeen[a] as number,
      lastSeen: lastSeen[a] as number,
      recent: recentOf[a] as EncodedPosition[],
      firstPair: firstPair[a] as number,
    }),
    recent: (a: number) => recentOf[a] as EncodedPosition[],
    /** addresses [0, bound) may have records */
    get addressBound() {
      return idOf.length;
    },
    nextPair: (p: number) => nextPair[p] as number,
    jailOf: (p: number) => jailOf[p] as number,
    bansOf: (p: number) => bans[p] as number,
    countPairBan(p: number): void {
      bans[p] = (bans[p] as number) + 1;
    },
    flagsOf: (p: number) => flags[p] as number,
    activeBannedAt: (p: number) => activeBannedAt[p] as number,
    activeEndsAt: (p: number) => activeEndsAt[p] as number,
    lastEnded: (p: number) => lastEnded[p] as number,
    setActive(p: number, bannedAt: number, endsAt: number | null, beyondRange: boolean): void {
      flags[p] = ACTIVE | (endsAt === null ? ENDS_NULL : 0) | (beyondRange ? BEYOND_RANGE : 0);
      activeBannedAt[p] = bannedAt;
      activeEndsAt[p] = endsAt ?? 0;
    },
    /** an end of the ban with time of ban `bannedAt` */
    end(p: number, bannedAt: number): void {
      if (bannedAt > (lastEnded[p] as number)) lastEnded[p] = bannedAt;
      if ((flags[p] as number) & ACTIVE && (activeBannedAt[p] as number) <= bannedAt) flags[p] = 0;
    },
    clear(): void {
      addressCapacity = 0;
      idOf = [];
      recentOf = [];
      timesBanned = new Uint32Array(0);
      firstSeen = new Float64Array(0);
      lastSeen = new Float64Array(0);
      firstPair = new Int32Array(0);
      lastPair = new Int32Array(0);
      pairCapacity = 0;
      pairs = 0;
      jailOf = new Uint32Array(0);
      nextPair = new Int32Array(0);
      bans = new Uint32Array(0);
      flags = new Uint8Array(0);
      activeBannedAt = new Float64Array(0);
      activeEndsAt = new Float64Array(0);
      lastEnded = new Float64Array(0);
    },
  };
}

export type DossierColumns = ReturnType<typeof createDossierColumns>;
