import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/** Named so errors.ts can recognise a violation of it (drizzle wraps driver errors). */
export const EVENTS_STREAM_VERSION_CONSTRAINT = 'events_stream_version_unique';

/**
 * The event log. `position` is the global order (a bigserial); appends are
 * serialised (see postgres-event-store.ts) so positions become visible in
 * commit order and a reader never skips a late commit.
 */
export const events = pgTable(
  'events',
  {
    position: bigserial('position', { mode: 'bigint' }).primaryKey(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    stream: text('stream').notNull(),
    version: integer('version').notNull(),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    metadata: jsonb('metadata').notNull(),
    // ms epoch from the injected clock.
    recordedAt: bigint('recorded_at', { mode: 'number' }).notNull(),
  },
  // One event per (stream, version): two writers can never both extend a
  // stream from the same version. Its index also serves readStream and the
  // stream's current version (max(version)).
  (t) => [unique(EVENTS_STREAM_VERSION_CONSTRAINT).on(t.stream, t.version)],
);
