/**
 * The set of ban keys (jail, canonical address, time of ban in whole seconds)
 * already seen, so a BanObserved for the same ban under another event id (a
 * second ingestion channel, a re-delivered push) is counted once.
 *
 * Memory: one map entry per (jail, address) pair (~40 bytes; the address string
 * is shared with the other maps), holding a bare number for the common single
 * ban and a sorted array only for repeat offenders. Keys compare in seconds,
 * like `banKey` in streams.ts.
 */
export interface BanKeySet {
  /** true when the key was new (and is now recorded) */
  add(jail: string, address: string, bannedAtMs: number): boolean;
  has(jail: string, address: string, bannedAtMs: number): boolean;
  clear(): void;
}

export function createBanKeySet(): BanKeySet {
  const byJail = new Map<string, Map<string, number | number[]>>();

  function indexOf(sorted: number[], value: number): { found: boolean; at: number } {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return { found: sorted[lo] === value, at: lo };
  }

  return {
    add(jail, address, bannedAtMs) {
      const seconds = Math.floor(bannedAtMs / 1000);
      let perJail = byJail.get(jail);
      if (!perJail) {
        perJail = new Map();
        byJail.set(jail, perJail);
      }
      const seen = perJail.get(address);
      if (seen === undefined) {
        perJail.set(address, seconds);
        return true;
      }
      if (typeof seen === 'number') {
        if (seen === seconds) return false;
        perJail.set(address, seen < seconds ? [seen, seconds] : [seconds, seen]);
        return true;
      }
      const { found, at } = indexOf(seen, seconds);
      if (found) return false;
      seen.splice(at, 0, seconds);
      return true;
    },
    has(jail, address, bannedAtMs) {
      const seconds = Math.floor(bannedAtMs / 1000);
      const seen = byJail.get(jail)?.get(address);
      if (seen === undefined) return false;
      return typeof seen === 'number' ? seen === seconds : indexOf(seen, seconds).found;
    },
    clear() {
      byJail.clear();
    },
  };
}
