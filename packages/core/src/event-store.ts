/**
 * Port: an append-only event log made of streams. Every append names the version
 * the writer expects the stream to be at, so two writers racing on one stream get
 * exactly one winner (the other gets WrongExpectedVersionError and decides what to do).
 *
 * Versions count events in a stream: a new stream is at version 0, its first event
 * has version 1. Global positions order every event of every stream; they are
 * opaque strings (a number in memory, a bigint in PostgreSQL): pass them back to
 * `readAll({ after })`, never do arithmetic on them.
 */
export type ExpectedVersion =
  /** the stream must be exactly at this version (0 = has no events) */
  | number
  /** the stream must not exist yet (same as 0) */
  | 'no-stream'
  /** the stream must have at least one event */
  | 'stream-exists'
  /** no check */
  | 'any';

export interface NewEvent<T = unknown> {
  type: string;
  data: T;
  metadata?: Record<string, unknown>;
}

export interface RecordedEvent<T = unknown> {
  /** unique id assigned by the store */
  id: string;
  stream: string;
  /** 1-based version within its stream */
  version: number;
  /** opaque global position; strictly increasing in readAll order */
  position: string;
  type: string;
  data: T;
  metadata: Record<string, unknown>;
  /** ms epoch (UTC) when the store recorded it */
  recordedAt: number;
}

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** the stream's version after the append */
  nextVersion: number;
  /** global position of the last appended event */
  position: string;
}

export interface ReadStreamOptions {
  /** first version to return (default 1) */
  fromVersion?: number;
  limit?: number;
}

export interface ReadAllOptions {
  /** return events strictly after this position (default: from the start) */
  after?: string | null;
  limit?: number;
}

export interface EventStore {
  append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** events of one stream in version order; [] for a stream that does not exist */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** events of every stream in global order */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Calls `listener` with batches of events appended after `after` (catching up
   * first, then live), in global order, without gaps or duplicates. Returns an
   * unsubscribe function.
   */
  subscribe(
    listener: (events: RecordedEvent[]) => void | Promise<void>,
    options?: { after?: string | null },
  ): () => void;
  /** position of the newest event, or null when the log is empty */
  headPosition(): Promise<string | null>;
}

export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(
      `stream '${stream}' is at version ${actual}, expected ${typeof expected === 'number' ? `version ${expected}` : expected}`,
    );
  }
}
