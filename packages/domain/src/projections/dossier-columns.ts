import { grown } from '../grown.ts';
import type { EncodedPosition } from '../position.ts';

/**
 * The dossier's numbers as typed-array columns: per address and per (jail,
 * address) pair, by the ban ledger's ids. Why: as objects (a record per address,
 * a record and a current-ban object per jail, boxed doubles for every time) they
 * cost ~700 bytes of heap per address; as columns ~30 bytes per address plus
 * ~30 per pair, outside the heap. A pair belongs to the dossier once it counted
 * a ban there (`bans` > 0).
 */
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

  let pairCapacity = 0;
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
  }

  function ensurePair(p: number): void {
    if (p < pairCapacity) return;
    const old = pairCapacity;
    pairCapacity = Math.max(1024, pairCapacity * 2, p + 1);
    bans = grown(bans, pairCapacity);
    flags = grown(flags, pairCapacity);
    activeBannedAt = grown(activeBannedAt, pairCapacity);
    activeEndsAt = grown(activeEndsAt, pairCapacity);
    lastEnded = grown(lastEnded, pairCapacity);
    lastEnded.fill(Number.NEGATIVE_INFINITY, old);
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
    },
    countBan(a: number, bannedAt: number): void {
      timesBanned[a] = (timesBanned[a] as number) + 1;
      if (bannedAt < (firstSeen[a] as number)) firstSeen[a] = bannedAt;
      if (bannedAt > (lastSeen[a] as number)) lastSeen[a] = bannedAt;
    },
    /** the address's numbers, for reading */
    address: (a: number) => ({
      id: idOf[a] as string,
      timesBanned: timesBanned[a] as number,
      firstSeen: firstSeen[a] as number,
      lastSeen: lastSeen[a] as number,
      recent: recentOf[a] as EncodedPosition[],
    }),
    recent: (a: number) => recentOf[a] as EncodedPosition[],
    /** addresses [0, bound) may have records */
    get addressBound() {
      return idOf.length;
    },
    bansOf: (p: number) => (p < pairCapacity ? (bans[p] as number) : 0),
    countPairBan(p: number): void {
      ensurePair(p);
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
      pairCapacity = 0;
      bans = new Uint32Array(0);
      flags = new Uint8Array(0);
      activeBannedAt = new Float64Array(0);
      activeEndsAt = new Float64Array(0);
      lastEnded = new Float64Array(0);
    },
  };
}

export type DossierColumns = ReturnType<typeof createDossierColumns>;
