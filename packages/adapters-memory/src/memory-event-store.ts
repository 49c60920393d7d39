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
import type { EventBodies } from './event-bodies.ts';
import { decodeEventBody, encodeEventBody } from './event-body.ts';
import { createEventIndex } from './event-index.ts';
import { createSubscriptions } from './event-subscriptions.ts';
import { openJournalBodies } from './journal-bodies.ts';
import { createMemoryBodies } from './memory-bodies.ts';

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

/**
 * The event log: a compact index (stream and version of every event) in
 * process memory, and the bodies either in memory too or, with a data dir, in
 * an append-only journal file read back on demand. Appends are checked and
 * sequenced synchronously, so concurrent appends race fairly; an append
 * becomes readable (and resolves) only once its journal frame is fsync'd.
 */
export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): MemoryEventStore {
  const clock = options.clock ?? systemClock;
  const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
  const onSubscriberError =
    options.onSubscriberError ??
    ((error: unknown) => console.error('event store subscriber failed and was stopped:', error));

  const index = createEventIndex();
  /** events 1..readable are durable and visible; later ones are still being written */
  let readable = 0;
  let closed = false;

  let bodies: EventBodies;
  let ownLock: DataDirLock | null = null;
  const journalPath = options.dataDir ? join(options.dataDir, JOURNAL_FILE_NAME) : null;
  if (options.dataDir && journalPath) {
    ownLock = options.lock ? null : acquireDataDirLock(options.dataDir);
    try {
      bodies = openJournalBodies(journalPath, index, {
        onWarning,
        fsyncIntervalMs: options.fsyncIntervalMs,
      });
      readable = index.length;
    } catch (error) {
      ownLock?.release();
      throw error;
    }
  } else {
    bodies = createMemoryBodies();
  }

  /** the events at these positions (ascending, all readable) */
  const eventsAt = (positions: ArrayLike<number>): RecordedEvent[] =>
    bodies.read(positions).map((body, i) => {
      const p = positions[i] as number;
      return decodeEventBody(body, index.streamAt(p), index.versionAt(p), p);
    });
  /** the readable events after position `after`, at most `max` */
  const readRange = (after: number, max: number): RecordedEvent[] => {
    const count = Math.max(0, Math.min(readable, after + max) - after);
    return eventsAt(Array.from({ length: count }, (_, i) => after + i + 1));
  };

  const subscriptions = createSubscriptions({
    read: readRange,
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
      const current = index.versionOf(stream);
      checkExpected(stream, expectedVersion, current);
      const recordedAt = clock.now();
      // Encoded before anything is reserved: data that is not JSON throws here.
      const encoded = events.map((e) =>
        encodeEventBody({
          id: randomUUID(),
          type: e.type,
          data: JSON.stringify(e.data) ?? 'null',
          metadata: JSON.stringify(e.metadata ?? {}),
          recordedAt,
        }),
      );
      const first = index.length + 1;
      const pending = bodies.append(stream, current + 1, first, encoded);
      index.add(stream, encoded.length);
      // If the write fails, the journal refuses every later append, so the
      // reserved (never readable) events cannot be built upon.
      if (pending) await pending;
      const last = first + encoded.length - 1;
      publish(last);
      return { nextVersion: current + encoded.length, position: String(last) };
    },
    async readStream(stream, { fromVersion = 1, limit = Number.POSITIVE_INFINITY } = {}) {
      const positions = index.positionsOf(stream);
      const from = Math.max(fromVersion, 1) - 1;
      let to = from;
      while (to < positions.length && to - from < limit && (positions[to] as number) <= readable) {
        to++;
      }
      return eventsAt(positions.subarray(from, to));
    },
    async readAll({ after, limit = Number.POSITIVE_INFINITY } = {}) {
      return readRange(parsePosition(after), Math.max(limit, 0));
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
        await bodies.drain();
      } finally {
        // In the same tick as closing the file: no delivery loop reads from it after.
        subscriptions.stopAll();
        bodies.close();
        ownLock?.release();
      }
    },
  };
}
