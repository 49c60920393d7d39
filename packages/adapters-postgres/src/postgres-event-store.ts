import {
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '@bangui/core';
import type { Sql, TransactionSql } from 'postgres';
import { EVENT_APPEND_LOCK, LOCK_CLASS } from './advisory-locks.ts';
import type { PortDeps } from './database.ts';
import { isStreamVersionConflict, withTranslatedErrors } from './errors.ts';
import { createSubscriptions } from './event-subscriptions.ts';
import { toJsonText, toNumber } from './json.ts';
import { EVENTS_CHANNEL, listen } from './notifications.ts';

export interface PostgresEventStoreOptions {
  /** fallback polling for subscribers when a NOTIFY is lost (default 1000 ms) */
  pollIntervalMs?: number;
  /** a subscriber's listener threw: that subscription stops; default console.error */
  onSubscriberError?: (error: unknown) => void;
}

export interface PostgresEventStore extends EventStore {
  /** stops subscriptions, polling and listening (the client itself is closed by its owner) */
  close(): Promise<void>;
}

interface EventRow {
  position: string;
  id: string;
  stream: string;
  version: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: string;
}

const toRecorded = (row: EventRow): RecordedEvent => ({
  id: row.id,
  stream: row.stream,
  version: row.version,
  position: row.position,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  recordedAt: toNumber(row.recorded_at),
});

/** Positions are bigint text; anything else did not come from this store. */
function checkPosition(position: string | null | undefined): string | null {
  if (position === null || position === undefined) return null;
  if (!/^(0|[1-9]\d{0,18})$/.test(position)) {
    throw new TypeError(`not a position of this event store: ${JSON.stringify(position)}`);
  }
  return position;
}

function validateAppend(events: NewEvent[], expected: ExpectedVersion): void {
  if (!Array.isArray(events) || events.length === 0) {
    throw new TypeError('append needs at least one event');
  }
  const named = ['any', 'no-stream', 'stream-exists'];
  if (
    !(Number.isSafeInteger(expected) && (expected as number) >= 0) &&
    !named.includes(expected as string)
  ) {
    throw new TypeError(`invalid expectedVersion: ${JSON.stringify(expected)}`);
  }
}

function checkExpected(stream: string, expected: ExpectedVersion, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && actual === 0) ||
    (expected === 'stream-exists' && actual > 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedVersionError(stream, expected, actual);
}

async function streamVersion(sql: Sql | TransactionSql, stream: string): Promise<number> {
  const [row] = await sql<{ version: number }[]>`
    select coalesce(max(version), 0)::int4 as version from events where stream = ${stream}`;
  return row?.version ?? 0;
}

/**
 * The event log in one table.
 *
 * Why appends are serialised: positions come from a sequence, and a sequence
 * hands out numbers in call order, not commit order. If append A took
 * position 5 and append B position 6, and B committed first, a reader could
 * read 6, move its checkpoint past 5, and never see A. So every append first
 * takes one transaction-scoped advisory lock and holds it until it commits:
 * the next append can only take a position after the previous one is visible,
 * positions become visible in order, and any snapshot sees a gap-free prefix
 * of the log. (The alternative, storing pg_current_xact_id() and reading below
 * the snapshot's xmin, lets appends run in parallel but hides fresh events
 * while ANY transaction in the cluster is open, which breaks read-your-writes.)
 * The cost is one append at a time across all workers: about 1.3k single-event
 * appends/s here, 20k+ events/s in batches; BanGUI's event rate is far below.
 *
 * The stream's version is checked under that lock. The unique
 * (stream, version) constraint additionally makes two events with one version
 * impossible for any writer, even one that bypasses the lock; a violation
 * becomes WrongExpectedVersionError too.
 *
 * Subscribers are woken by LISTEN/NOTIFY (the append's NOTIFY is delivered at
 * commit, to every instance) and by polling as a fallback.
 */
export async function createPostgresEventStore(
  { sql, clock }: Pick<PortDeps, 'sql' | 'clock'>,
  options: PostgresEventStoreOptions = {},
): Promise<PostgresEventStore> {
  const onSubscriberError =
    options.onSubscriberError ??
    ((error: unknown) => console.error('event store subscriber failed and was stopped:', error));

  async function readAll(after: string | null, limit: number | null): Promise<RecordedEvent[]> {
    // ORDER BY events.position, not position: a bare name would mean the text output column.
    const rows = await sql<EventRow[]>`
      select position::text, id::text, stream, version, type, data, metadata, recorded_at
      from events where position > ${after ?? '0'}::int8
      order by events.position limit ${limit}`;
    return rows.map(toRecorded);
  }

  const subscriptions = createSubscriptions({
    read: readAll,
    onListenerError: onSubscriberError,
    // A failed read (database unreachable) is retried by the next poll or NOTIFY.
    onReadError: () => {},
  });
  // After a reconnect the NOTIFYs sent meanwhile are lost: read on at once.
  const unlisten = await listen(sql, EVENTS_CHANNEL, subscriptions.wake, subscriptions.wake);
  const poll = setInterval(subscriptions.wake, options.pollIntervalMs ?? 1000);
  // Polling must not keep a process alive that has nothing else to do.
  poll.unref();

  const appendLocked = (
    stream: string,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> =>
    sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${LOCK_CLASS}, ${EVENT_APPEND_LOCK})`;
      // A separate statement after the lock: READ COMMITTED takes its snapshot
      // per statement, so this one sees every append that committed before us.
      const version = await streamVersion(tx, stream);
      checkExpected(stream, expectedVersion, version);
      // One statement for any batch size (one prepared statement): arrays are
      // unnested in order, so versions and positions are contiguous and in
      // batch order. pg_notify with a constant payload is sent once per
      // transaction (PostgreSQL folds identical notifications), at commit.
      const [row] = await tx<{ position: string }[]>`
        with inserted as (
          insert into events (stream, version, type, data, metadata, recorded_at)
          select ${stream}, ${version}::int4 + e.ord::int4, e.type, e.data::jsonb, e.metadata::jsonb,
                 ${clock.now()}
          from unnest(
            ${events.map((e) => e.type)}::text[],
            ${events.map((e) => toJsonText(e.data))}::text[],
            ${events.map((e) => toJsonText(e.metadata ?? {}))}::text[]
          ) with ordinality as e(type, data, metadata, ord)
          order by e.ord
          returning position
        )
        select max(position)::text as position, pg_notify(${EVENTS_CHANNEL}, '') from inserted`;
      if (!row) throw new Error('event insert returned no row');
      return { nextVersion: version + events.length, position: row.position };
    });

  return withTranslatedErrors<PostgresEventStore>({
    async append(stream, events, { expectedVersion }) {
      validateAppend(events, expectedVersion);
      try {
        return await appendLocked(stream, events, expectedVersion);
      } catch (error) {
        if (!isStreamVersionConflict(error)) throw error;
        throw new WrongExpectedVersionError(
          stream,
          expectedVersion,
          await streamVersion(sql, stream),
        );
      }
    },

    async readStream(stream, options = {}) {
      const rows = await sql<EventRow[]>`
        select position::text, id::text, stream, version, type, data, metadata, recorded_at
        from events where stream = ${stream} and version >= ${options.fromVersion ?? 1}
        order by version limit ${options.limit ?? null}`;
      return rows.map(toRecorded);
    },

    async readAll(options = {}) {
      return readAll(checkPosition(options.after), options.limit ?? null);
    },

    subscribe(listener, options = {}) {
      return subscriptions.subscribe(listener, checkPosition(options.after));
    },

    async headPosition() {
      const [row] = await sql<
        { head: string | null }[]
      >`select max(position)::text as head from events`;
      return row?.head ?? null;
    },

    async close() {
      clearInterval(poll);
      subscriptions.stopAll();
      await unlisten();
    },
  });
}
