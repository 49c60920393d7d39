import { pgSequence } from 'drizzle-orm/pg-core';

/**
 * The change counter of the tiered cache: every invalidation takes the next
 * value and sends it with its NOTIFY. A worker that reads a `last_value` it has
 * not seen a notification for has missed one (its LISTEN connection dropped)
 * and clears its local tier. A sequence, not a row: bumping it never blocks or
 * conflicts, and a rolled-back bump only costs a needless local clear.
 */
export const cacheInvalidation = pgSequence('cache_invalidation');
