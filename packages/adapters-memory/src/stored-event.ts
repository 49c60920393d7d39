import { JournalCorruptError } from './journal-frame.ts';

/** An event as the memory store keeps it: data and metadata as JSON text. */
export interface StoredEvent {
  id: string;
  stream: string;
  version: number;
  /** 1-based index in the global log */
  position: number;
  type: string;
  data: string;
  metadata: string;
  recordedAt: number;
}

interface JournalEntry {
  p: number;
  s: string;
  v: number;
  i: string;
  t: string;
  r: number;
  d: unknown;
  m: Record<string, unknown>;
}

/**
 * One event as a JSON object of the journal. Built by concatenation because
 * data and metadata already are JSON text: no second stringify on the hot path.
 */
export function encodeJournalEntry(e: StoredEvent): string {
  return `{"p":${e.position},"s":${JSON.stringify(e.stream)},"v":${e.version},"i":"${e.id}","t":${JSON.stringify(e.type)},"r":${e.recordedAt},"d":${e.data},"m":${e.metadata}}`;
}

/**
 * The events of one journal frame, checked against the log replayed so far:
 * positions and stream versions must continue exactly, or the file is corrupt
 * (a checksum cannot catch a frame that was written twice or out of order).
 */
export function decodeJournalEntries(
  payload: Buffer,
  path: string,
  logLength: number,
  streams: ReadonlyMap<string, readonly StoredEvent[]>,
): StoredEvent[] {
  let entries: JournalEntry[];
  try {
    entries = JSON.parse(payload.toString('utf8'));
  } catch (error) {
    throw new JournalCorruptError(path, null, `a record is not valid JSON (${String(error)})`);
  }
  const versions = new Map<string, number>();
  return entries.map((entry, i) => {
    const expectedPosition = logLength + i + 1;
    const version = (versions.get(entry.s) ?? streams.get(entry.s)?.length ?? 0) + 1;
    if (entry.p !== expectedPosition || entry.v !== version) {
      throw new JournalCorruptError(
        path,
        null,
        `event ${entry.i} has position ${entry.p} / version ${entry.v} of '${entry.s}', expected ${expectedPosition} / ${version}`,
      );
    }
    versions.set(entry.s, version);
    return {
      id: entry.i,
      stream: entry.s,
      version: entry.v,
      position: entry.p,
      type: entry.t,
      data: JSON.stringify(entry.d),
      metadata: JSON.stringify(entry.m),
      recordedAt: entry.r,
    };
  });
}
