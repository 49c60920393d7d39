import { bigint, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Session records. Times are ms epoch in `bigint` (not timestamptz) because
 * they come from the injected clock, never from the database's now(): tests
 * move time, and every worker must judge expiry by the same clock semantics.
 * Only the SHA-256 of the secret is stored (see core/session-token.ts).
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    userId: text('user_id').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    lastSeenAt: bigint('last_seen_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    // NULL when the record has no data (the port's `data` is optional).
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  // listByUser / deleteByUser ("log out everywhere") look sessions up by user.
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);
