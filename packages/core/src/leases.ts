/**
 * Port: named leases with fencing tokens, and once-per-tick job claims, so that
 * scheduled work runs on exactly one worker. A holder passes its fencing token to
 * whatever it writes; a token lower than the newest one must be refused there.
 */
export interface Lease {
  name: string;
  owner: string;
  /** strictly increasing per lease name across every acquisition */
  token: number;
  /** ms epoch */
  expiresAt: number;
}

export interface Leases {
  /** Takes the lease when it is free or expired (or already ours); undefined when held by another. */
  tryAcquire(name: string, owner: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extends our lease; undefined when we lost it (expired and taken, or released). */
  renew(lease: Lease, ttlMs: number): Promise<Lease | undefined>;
  release(lease: Lease): Promise<void>;
  /**
   * Claims one tick of a scheduled job. Of all workers calling with the same
   * (job, scheduledFor), exactly one gets true.
   */
  claimTick(job: string, scheduledFor: number, owner: string): Promise<boolean>;
}
