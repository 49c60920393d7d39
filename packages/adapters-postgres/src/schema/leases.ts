import { bigint, index, pgSequence, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Fencing tokens come from one sequence: strictly increasing across every
 * acquisition of every lease, even after a lease row was deleted on release.
 */
export const leaseToken = pgSequence('lease_token');

export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  token: bigint('token', { mode: 'number' }).notNull(),
  // ms epoch from the injected clock.
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
});

/**
 * One row per claimed cron tick: the primary key makes "exactly one worker
 * runs this tick" an INSERT ... ON CONFLICT DO NOTHING. Old rows are pruned.
 */
export const tickClaims = pgTable(
  'tick_claims',
  {
    job: text('job').notNull(),
    scheduledFor: bigint('scheduled_for', { mode: 'number' }).notNull(),
    owner: text('owner').notNull(),
    claimedAt: bigint('claimed_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.job, t.scheduledFor] }),
    // pruning deletes by age
    index('tick_claims_claimed_at_idx').on(t.claimedAt),
  ],
);
