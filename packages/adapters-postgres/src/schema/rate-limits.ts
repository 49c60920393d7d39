import { boolean, doublePrecision, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * GCRA state: one theoretical arrival time per key (see core/rate-limiter.ts).
 * `tat` is double precision because the emission interval windowMs / limit is
 * often fractional (1000 / 3 ms); rounding it would drift from decideGcra.
 * `allowed` holds the last decision so the one-statement upsert can return it.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  tat: doublePrecision('tat').notNull(),
  allowed: boolean('allowed').notNull(),
});
