import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type AppendResult,
  type Clock,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  systemClock,
  WrongExpectedVersionError,
} from '@bangui/core';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { type EventJournal, openEventJournal } from './event-journal.ts';
import { createSubscriptions } from './event-subscriptions.ts';
import { decodeJournalEntries, encodeJournalEntry, type StoredEvent } from './stored-event.ts';

export const JOURNAL_FILE_NAME = 'events.journal';

export interface MemoryEventStoreOptions {
  /** when set, every event is also appended (fsync'd) to `<dataDir>/events.journal` and replayed at start */
  dataDir?: string;
  /**
   * A lock on dataDir the caller already holds (and keeps: close() will not release it).
   * Without it the store takes `acquireDataDirLock(dataDir)` itself and releases it on close.
   */
  lock?: DataDirLock;
  clock?: Clock;
  /** extra wait before each journal flush to gather more appends into one fsync (default 0) */
  fsyncIntervalMs?: number;
  /** journal repairs (a torn last record dropped); default console.warn */
  onWarning?: (message: string) => void;
  /** a subscriber's listener threw: that subscription stops; default console.error */
  onSubscriberError?: (error: unknown) => void;
}

export interface MemoryEventStore extends EventStore {
  /** the journal file, or null for a store held only in memory */
  readonly journalPath: string | null;
  /** waits for pending appends to be durable, stops subscriptions, closes the journal, releases the lock */
  close(): Promise<void>;
}

function parsePosition(position: string | null | undefined): number {
  if (position === null || position === undefined) return 0;
  if (!/^(0|[1-9]\d{0,15})$/.test(position)) {
    throw new TypeError(`not a position of this event store: ${JSON.stringify(position)}`);
  }
  return Number(position);
}

function checkExpected(stream: string, expected: ExpectedVersion, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && actual === 0) ||
    (expected === 'stream-exists' && actual > 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedVersionError(stream, expected, actual);
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

const toRecorded = (e: StoredEvent): RecordedEvent => ({
  id: e.id,
  stream: e.stream,
  version: e.version,
  position: String(e.position),
  type: e.type,
  // Stored as JSON text: every read hands out fresh objects, and values behave
  // as they will in PostgreSQL's jsonb (no Dates, Maps or undefined survive).
  data: JSON.parse(e.data),
  metadata: JSON.parse(e.metadata),
  recordedAt: e.recordedAt,
});

/**
 * The event log in process memory (an array in global order plus one per
 * stream), optionally backed by an append-only journal file. Appends are
 * checked and sequenced synchronously, so concurrent appends race fairly; an
 * append becomes readable (and resolves) only once its journal frame is fsync'd.
 */
export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): MemoryEventStore {
  const clock = options.clock ?? systemClock;
  const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
  const onSubscriberError =
    options.onSubscriberError ??
    ((error: unknown) => console.error('event store subscriber failed and was stopped:', error));

  const log: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  /** events 1..readable are durable and visible; later ones are still being written */
  let readable = 0;
  let closed = false;

  const record = (e: StoredEvent): void => {
    log.push(e);
    const stream = streams.get(e.stream);
    if (stream) stream.push(e);
    else streams.set(e.stream, [e]);
  };

  let journal: EventJournal | null = null;
  let ownLock: DataDirLock | null = null;
  const journalPath = options.dataDir ? join(options.dataDir, JOURNAL_FILE_NAME) : null;
  if (options.dataDir && journalPath) {
    ownLock = options.lock ? null : acquireDataDirLock(options.dataDir);
    try {
      journal = openEventJournal(journalPath, {
        onWarning,
        fsyncIntervalMs: options.fsyncIntervalMs,
      });
      for (const payload of journal.replayed) {
        for (const e of decodeJournalEntries(payload, journalPath, log.length, streams)) record(e);
      }
      readable = log.length;
    } catch (error) {
      ownLock?.release();
      throw error;
    }
  }

  const subscriptions = createSubscriptions({
    read: (after, max) => log.slice(after, Math.min(readable, after + max)).map(toRecorded),
    head: () => readable,
    onListenerError: onSubscriberError,
  });

  const publish = (upTo: number): void => {
    if (upTo <= readable) return;
    readable = upTo;
    subscriptions.notify();
  };

  return {
    journalPath,
    async append(stream, events, { expectedVersion }): Promise<AppendResult> {
      // Everything up to the journal write runs synchronously: the version check
      // and the reservation of versions and positions cannot interleave.
      if (closed) throw new Error('event store is closed');
      validateAppend(events, expectedVersion);
      const current = streams.get(stream)?.length ?? 0;
      checkExpected(stream, expectedVersion, current);
      const recordedAt = clock.now();
      const batch = events.map(
        (e, i): StoredEvent => ({
          id: randomUUID(),
          stream,
          version: current + i + 1,
          position: log.length + i + 1,
          type: e.type,
          data: JSON.stringify(e.data) ?? 'null',
          metadata: JSON.stringify(e.metadata ?? {}),
          recordedAt,
        }),
      );
      const last = batch[batch.length - 1] as StoredEvent;
      const pending = journal?.append(batch.map(encodeJournalEntry).join(','));
      for (const e of batch) record(e);
      // If the write fails, the journal refuses every later append, so the
      // reserved (never readable) events cannot be built upon.
      if (pending) await pending;
      publish(last.position);
      return { nextVersion: last.version, position: String(last.position) };
    },
    async readStream(stream, { fromVersion = 1, limit = Number.POSITIVE_INFINITY } = {}) {
      const events = streams.get(stream) ?? [];
      const out: RecordedEvent[] = [];
      for (let i = Math.max(fromVersion, 1) - 1; i < events.length && out.length < limit; i++) {
        const e = events[i] as StoredEvent;
        if (e.position > readable) break;
        out.push(toRecorded(e));
      }
      return out;
    },
    async readAll({ after, limit = Number.POSITIVE_INFINITY } = {}) {
      const from = parsePosition(after);
      return log.slice(from, Math.min(readable, from + Math.max(limit, 0))).map(toRecorded);
    },
    subscribe(listener, { after } = {}) {
      return subscriptions.subscribe(listener, parsePosition(after));
    },
    async headPosition() {
      return readable === 0 ? null : String(readable);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await journal?.close();
      } finally {
        subscriptions.stopAll();
        ownLock?.release();
      }
    },
  };
}
