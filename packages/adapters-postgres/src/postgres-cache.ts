import type { Cache } from '@bangui/core';
import type { PortDeps } from './database.ts';
import { withTranslatedErrors } from './errors.ts';
import { toJsonText, toNullableNumber } from './json.ts';

export interface CacheEntry<T> {
  value: T;
  /** ms epoch; null = no TTL */
  expiresAt: number | null;
}

/** The Cache port plus the entry's expiry, so a local copy (tiered cache) never outlives it. */
export interface EntryCache extends Cache {
  getEntry<T>(key: string): Promise<CacheEntry<T> | undefined>;
}

/**
 * A cache shared by every worker: jsonb values with an optional expires_at
 * judged by the injected clock. Expired rows are invisible; they are
 * overwritten by the next set of their key.
 */
export function createPostgresCache({ sql, clock }: Pick<PortDeps, 'sql' | 'clock'>): EntryCache {
  const getEntry = async <T>(key: string): Promise<CacheEntry<T> | undefined> => {
    const [row] = await sql<{ value: T; expires_at: string | null }[]>`
      select value, expires_at from cache_entries
      where key = ${key} and (expires_at is null or expires_at > ${clock.now()})`;
    // jsonb 'null' arrives as null: a cached null, distinct from a miss (no row).
    return row && { value: row.value, expiresAt: toNullableNumber(row.expires_at) };
  };
  return withTranslatedErrors<EntryCache>({
    getEntry,
    async get<T>(key: string) {
      return (await getEntry<T>(key))?.value;
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
