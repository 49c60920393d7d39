import type { Cache } from '@bangui/core';
import type { PortDeps } from './database.ts';
import { withTranslatedErrors } from './errors.ts';
import { toJsonText } from './json.ts';

/**
 * A cache shared by every worker: jsonb values with an optional expires_at
 * judged by the injected clock. Expired rows are invisible; they are
 * overwritten by the next set of their key.
 */
export function createPostgresCache({ sql, clock }: Pick<PortDeps, 'sql' | 'clock'>): Cache {
  return withTranslatedErrors<Cache>({
    async get<T>(key: string) {
      const [row] = await sql<{ value: T }[]>`
        select value from cache_entries
        where key = ${key} and (expires_at is null or expires_at > ${clock.now()})`;
      // jsonb 'null' arrives as null: a cached null, distinct from a miss (no row).
      return row ? row.value : undefined;
    },
    async set(key, value, ttlMs) {
      const expiresAt = ttlMs === undefined ? null : clock.now() + ttlMs;
      await sql`
        insert into cache_entries (key, value, expires_at)
        values (${key}, ${toJsonText(value)}::text::jsonb, ${expiresAt})
        on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at`;
    },
    async delete(key) {
      await sql`delete from cache_entries where key = ${key}`;
    },
  });
}
