import { bigint, jsonb, pgSequence, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * One sequence for every key: a revision is never reused, even after
 * delete + recreate, so a compare-and-set with a stale revision cannot succeed
 * by accident (the port's contract).
 */
export const runtimeStateRevision = pgSequence('runtime_state_revision');

export const runtimeState = pgTable('runtime_state', {
  key: text('key').primaryKey(),
  // NOT NULL: JSON null is stored as the jsonb value 'null'; SQL NULL never appears.
  value: jsonb('value').notNull(),
  revision: bigint('revision', { mode: 'number' }).notNull(),
  // ms epoch from the injected clock; NULL = never expires.
  expiresAt: bigint('expires_at', { mode: 'number' }),
});
