import { JournalCorruptError } from './journal-frame.ts';

/**
 * Events inside a format-2 journal frame: records laid end to end, each
 *
 *   u32le bodyBytes | u32le version | f64le position | u32le streamBytes | stream | body
 *
 * The binary header carries what the in-memory index needs, so opening a
 * journal never parses a body, and the body (an event body JSON object) can be
 * read back alone with one positional read.
 */
const RECORD_HEADER_BYTES = 20;

export interface JournalRecord {
  stream: string;
  version: number;
  position: number;
  body: string;
}

export interface EncodedRecords {
  payload: Buffer;
  /** where each record's body starts in the payload, and its byte length */
  bodyOffsets: number[];
  bodyLengths: number[];
}

export function encodeRecords(records: readonly JournalRecord[]): EncodedRecords {
  const streamLengths = records.map((r) => Buffer.byteLength(r.stream));
  const bodyLengths = records.map((r) => Buffer.byteLength(r.body));
  let total = 0;
  for (let i = 0; i < records.length; i++) {
    total += RECORD_HEADER_BYTES + (streamLengths[i] as number) + (bodyLengths[i] as number);
  }
  const payload = Buffer.allocUnsafe(total);
  const bodyOffsets: number[] = [];
  let at = 0;
  records.forEach((r, i) => {
    const streamBytes = streamLengths[i] as number;
    payload.writeUInt32LE(bodyLengths[i] as number, at);
    payload.writeUInt32LE(r.version, at + 4);
    payload.writeDoubleLE(r.position, at + 8);
    payload.writeUInt32LE(streamBytes, at + 16);
    at += RECORD_HEADER_BYTES;
    payload.write(r.stream, at, 'utf8');
    at += streamBytes;
    bodyOffsets.push(at);
    payload.write(r.body, at, 'utf8');
    at += bodyLengths[i] as number;
  });
  return { payload, bodyOffsets, bodyLengths };
}

/**
 * Calls `onRecord` for each record of a frame payload, with the body's place in
 * the payload. A checksum-valid payload whose records do not tile it exactly
 * was written by something else: corrupt.
 */
export function forEachRecord(
  payload: Buffer,
  path: string,
  onRecord: (
    stream: string,
    version: number,
    position: number,
    bodyStart: number,
    bodyLength: number,
  ) => void,
): void {
  let at = 0;
  while (at < payload.length) {
    if (at + RECORD_HEADER_BYTES > payload.length) break;
    const bodyLength = payload.readUInt32LE(at);
    const version = payload.readUInt32LE(at + 4);
    const position = payload.readDoubleLE(at + 8);
    const streamStart = at + RECORD_HEADER_BYTES;
    const bodyStart = streamStart + payload.readUInt32LE(at + 16);
    const end = bodyStart + bodyLength;
    if (end > payload.length) break;
    onRecord(
      payload.toString('utf8', streamStart, bodyStart),
      version,
      position,
      bodyStart,
      bodyLength,
    );
    at = end;
  }
  if (at !== payload.length) {
    throw new JournalCorruptError(path, null, 'a record overruns its frame');
  }
}
