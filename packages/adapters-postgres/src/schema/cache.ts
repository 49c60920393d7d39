import { bigint, jsonb, pgTable, text } from 'drizzle-orm/pg-core';

export const cacheEntries = pgTable('cache_entries', {
  key: text('key').primaryKey(),
  // NOT NULL: JSON null is a cached value (stored as jsonb 'null'), a missing row is a miss.
  value: jsonb('value').notNull(),
  // ms epoch from the injected clock; NULL = no TTL.
  expiresAt: bigint('expires_at', { mode: 'number' }),
});
