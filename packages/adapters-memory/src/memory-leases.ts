import { type Clock, type Lease, type Leases, systemClock } from '@bangui/core';

export interface MemoryLeasesOptions {
  clock?: Clock;
  /**
   * How long a tick claim is remembered after it was made (default one hour).
   * A claim older than that is forgotten, so memory stays bounded however long
   * the process runs; the only caller that could claim such an old tick again
   * is a scheduler running more than this late.
   */
  claimRetentionMs?: number;
}

const DEFAULT_CLAIM_RETENTION_MS = 60 * 60 * 1000;

/** Leases and tick claims in process memory: correct for exactly one worker. */
export function createMemoryLeases(options: MemoryLeasesOptions = {}): Leases {
  const clock = options.clock ?? systemClock;
  const retentionMs = options.claimRetentionMs ?? DEFAULT_CLAIM_RETENTION_MS;
  const held = new Map<string, Lease>();
  // Key -> time claimed. A Map iterates in insertion order, and claims are
  // inserted as time goes on, so the oldest are at the front and pruning stops
  // at the first young one (amortised O(1) per claim).
  const claims = new Map<string, number>();
  // One counter for every name: a token is never reused, so tokens increase per
  // name even after an expired lease is dropped from the map.
  let lastToken = 0;

  const live = (name: string): Lease | undefined => {
    const lease = held.get(name);
    if (lease && clock.now() >= lease.expiresAt) {
      held.delete(name);
      return undefined;
    }
    return lease;
  };

  const pruneClaims = (now: number): void => {
    for (const [key, claimedAt] of claims) {
      if (now - claimedAt < retentionMs) break;
      claims.delete(key);
    }
  };

  return {
    // Every method reads and writes in one synchronous step, so concurrent
    // calls cannot interleave between the check and the write.
    async tryAcquire(name, owner, ttlMs) {
      const current = live(name);
      if (current && current.owner !== owner) return undefined;
      const lease: Lease = { name, owner, token: ++lastToken, expiresAt: clock.now() + ttlMs };
      held.set(name, lease);
      return { ...lease };
    },
    async renew(lease, ttlMs) {
      const current = live(lease.name);
      if (!current || current.token !== lease.token || current.owner !== lease.owner) {
        return undefined;
      }
      const renewed: Lease = { ...current, expiresAt: clock.now() + ttlMs };
      held.set(lease.name, renewed);
      return { ...renewed };
    },
    async release(lease) {
      const current = held.get(lease.name);
      // Only the holder of this very token may release: a stale lease must not
      // free the lease someone else took over since.
      if (current && current.token === lease.token) held.delete(lease.name);
    },
    async claimTick(job, scheduledFor, _owner) {
      const now = clock.now();
      pruneClaims(now);
      const key = `${job}\u0000${scheduledFor}`;
      if (claims.has(key)) return false;
      claims.set(key, now);
      return true;
    },
  };
}
