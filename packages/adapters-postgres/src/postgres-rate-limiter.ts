import { decideGcra, describeGcra, type RateLimiter } from '@bangui/core';
import type { PortDeps } from './database.ts';
import { withTranslatedErrors } from './errors.ts';

/**
 * GCRA (see core/rate-limiter.ts) decided by ONE statement: the
 * INSERT ... ON CONFLICT DO UPDATE takes the key's row lock, and both SET
 * expressions read the old TAT, so concurrent calls from any number of
 * workers serialise on the row and no burst slips through (a read-then-write
 * would let every racer read the same TAT). The tolerance 1e-6 is decideGcra's
 * EPSILON_MS, so float rounding of fractional intervals (1000/3 ms) decides
 * exactly as every other adapter does.
 */
export function createPostgresRateLimiter({
  sql,
  clock,
}: Pick<PortDeps, 'sql' | 'clock'>): RateLimiter {
  return withTranslatedErrors<RateLimiter>({
    async consume(key, policy, cost = 1) {
      const now = clock.now();
      // Same argument checks (RangeError) as every adapter, before touching the database.
      decideGcra(undefined, now, policy, cost);
      const increment = (cost * policy.windowMs) / policy.limit;
      const [row] = await sql<{ tat: number; allowed: boolean }[]>`
        insert into rate_limits as r (key, tat, allowed)
        values (${key}, ${now}::float8 + ${increment}::float8, true)
        on conflict (key) do update set
          allowed = greatest(r.tat, ${now}::float8) + ${increment}::float8 - ${policy.windowMs}::float8
                    <= ${now}::float8 + 1e-6,
          tat = case
            when greatest(r.tat, ${now}::float8) + ${increment}::float8 - ${policy.windowMs}::float8
                 <= ${now}::float8 + 1e-6
            then greatest(r.tat, ${now}::float8) + ${increment}::float8
            else r.tat end
        returning tat, allowed`;
      if (!row) throw new Error('rate_limits upsert returned no row');
      return describeGcra(row.tat, now, policy, row.allowed, increment);
    },
    async reset(key) {
      await sql`delete from rate_limits where key = ${key}`;
    },
  });
}
