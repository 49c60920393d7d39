import type { Lease, Leases } from '@bangui/core';
import type { PortDeps } from './database.ts';
import { withTranslatedErrors } from './errors.ts';
import { toNumber } from './json.ts';

export interface PostgresLeasesOptions {
  /**
   * How long a tick claim is kept (default one hour). Older claims are pruned;
   * only a scheduler running more than this late could claim such a tick again.
   */
  claimRetentionMs?: number;
}

interface LeaseRow {
  owner: string;
  token: string;
  expires_at: string;
}

/**
 * Leases as rows with a fencing token from one sequence, and tick claims as
 * rows keyed by (job, scheduled_for). No advisory locks: a session-level one
 * would leak on a pooled connection, and rows survive a worker's crash with
 * an expiry instead.
 */
export function createPostgresLeases(
  { sql, clock }: Pick<PortDeps, 'sql' | 'clock'>,
  options: PostgresLeasesOptions = {},
): Leases {
  const retentionMs = options.claimRetentionMs ?? 60 * 60 * 1000;
  // Pruning runs at most once per tenth of the retention per instance, not on every claim.
  let nextPruneAt = Number.NEGATIVE_INFINITY;

  const toLease = (name: string, row: LeaseRow): Lease => ({
    name,
    owner: row.owner,
    token: toNumber(row.token),
    expiresAt: toNumber(row.expires_at),
  });

  return withTranslatedErrors<Leases>({
    async tryAcquire(name, owner, ttlMs) {
      const now = clock.now();
      // Insert, or take over a row that is expired or already ours. Racers on
      // one name queue on the row lock ON CONFLICT takes and re-check the
      // WHERE against the winner's row, so exactly one gets it. A new token on
      // every acquisition keeps tokens increasing (nextval is never reused).
      const [row] = await sql<LeaseRow[]>`
        insert into leases as l (name, owner, token, expires_at)
        values (${name}, ${owner}, nextval('lease_token'), ${now + ttlMs})
        on conflict (name) do update
          set owner = excluded.owner, token = excluded.token, expires_at = excluded.expires_at
          where l.owner = excluded.owner or l.expires_at <= ${now}
        returning owner, token, expires_at`;
      return row && toLease(name, row);
    },

    async renew(lease, ttlMs) {
      const now = clock.now();
      const [row] = await sql<LeaseRow[]>`
        update leases set expires_at = ${now + ttlMs}
        where name = ${lease.name} and token = ${lease.token} and owner = ${lease.owner}
          and expires_at > ${now}
        returning owner, token, expires_at`;
      return row && toLease(lease.name, row);
    },

    async release(lease) {
      // Only this very token: a stale holder must not free a lease someone took over since.
      await sql`delete from leases where name = ${lease.name} and token = ${lease.token}`;
    },

    async claimTick(job, scheduledFor, owner) {
      const now = clock.now();
      if (now >= nextPruneAt) {
        nextPruneAt = now + retentionMs / 10;
        await sql`delete from tick_claims where claimed_at < ${now - retentionMs}`;
      }
      // The primary key decides: of all workers inserting one (job, tick), one row goes in.
      const rows = await sql`
        insert into tick_claims (job, scheduled_for, owner, claimed_at)
        values (${job}, ${scheduledFor}, ${owner}, ${now})
        on conflict do nothing
        returning 1`;
      return rows.length === 1;
    },
  });
}
