import { crc32 } from 'node:zlib';
import type { FileWindow } from './file-window.ts';

/**
 * Journal file layout: an 8-byte magic header naming the format, then frames. A frame is
 *
 *   u32le length | u32le ~length | u32le crc32(payload) | payload (length bytes)
 *
 * One frame holds everything written by one group commit (one write + one
 * fsync), so a crash can tear only the last frame. The complemented length
 * lets a reader tell a damaged length field from a frame that is merely cut short.
 */
/** Format 2, written today: each frame's payload is records (see journal-record.ts). */
export const JOURNAL_MAGIC = Buffer.from('BANGUIJ2', 'latin1');
/** Format 1: each frame's payload is a JSON array of events (see journal-v1.ts). */
export const JOURNAL_MAGIC_V1 = Buffer.from('BANGUIJ1', 'latin1');
const FRAME_HEADER_BYTES = 12;

export class JournalCorruptError extends Error {
  override readonly name = 'JournalCorruptError';
  readonly code = 'JOURNAL_CORRUPT';
  constructor(
    readonly path: string,
    /** byte offset of the damage, or null when a checksum-valid record makes no sense */
    readonly offset: number | null,
    detail: string,
  ) {
    super(
      `event journal ${path} is corrupt${offset === null ? '' : ` at byte ${offset}`}: ${detail}. ` +
        'Refusing to start rather than lose events; restore the file from a backup ' +
        'or move it aside to start with an empty history.',
    );
  }
}

/** One frame whose payload is `parts` end to end (the appends of one group commit). */
export function encodeFrame(parts: readonly Buffer[]): Buffer {
  let length = 0;
  for (const part of parts) length += part.length;
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + length);
  let at = FRAME_HEADER_BYTES;
  for (const part of parts) at += part.copy(frame, at);
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(~length >>> 0, 4);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 8);
  return frame;
}

/** Where the payload starts in a frame. */
export const FRAME_PAYLOAD_OFFSET = FRAME_HEADER_BYTES;

/** End offset of a frame whose header is intact and whose bytes are all present, or -1. */
function completeFrameEnd(file: Buffer, offset: number): number {
  if (offset + FRAME_HEADER_BYTES > file.length) return -1;
  const length = file.readUInt32LE(offset);
  if (file.readUInt32LE(offset + 4) !== ~length >>> 0) return -1;
  const end = offset + FRAME_HEADER_BYTES + length;
  return end > file.length ? -1 : end;
}

/** End offset of a complete, checksum-valid frame starting at `offset`, or -1. */
function frameEnd(file: Buffer, offset: number): number {
  const end = completeFrameEnd(file, offset);
  if (end === -1) return -1;
  const payload = file.subarray(offset + FRAME_HEADER_BYTES, end);
  return crc32(payload) === file.readUInt32LE(offset + 8) ? end : -1;
}

export interface ScannedJournal {
  /** offset just past the last good frame */
  goodEnd: number;
  /** bytes after goodEnd: a torn last frame or trailing garbage, to be cut off */
  tornBytes: number;
}

/** The warning for a torn tail that is being cut off. */
export function tornTailWarning(path: string, scanned: ScannedJournal): string {
  return (
    `event journal ${path}: dropped ${scanned.tornBytes} bytes after byte ${scanned.goodEnd} ` +
    '(an incomplete last record, left by a crash before it was acknowledged)'
  );
}

/**
 * Hands every frame after the magic header to `onFrame` (the payload is only
 * valid during the call), reading the file through a window rather than whole.
 * Only a frame cut short by the end of the file (or a header that is itself cut
 * or torn) is a torn tail, reported in tornBytes: a crash stopped the write
 * before it was acknowledged. A frame whose header is intact and whose bytes
 * are all there but whose checksum fails was written whole and damaged
 * afterwards, and a bad frame followed by any valid frame is damage in the
 * middle: both throw JournalCorruptError.
 */
export function scanFrames(
  file: FileWindow,
  path: string,
  onFrame: (payload: Buffer, payloadOffset: number) => void,
): ScannedJournal {
  let offset = JOURNAL_MAGIC.length;
  for (;;) {
    const header = file.bytes(offset, FRAME_HEADER_BYTES);
    if (!header) break;
    const length = header.readUInt32LE(0);
    if (header.readUInt32LE(4) !== ~length >>> 0) break;
    const checksum = header.readUInt32LE(8);
    const payload = file.bytes(offset + FRAME_HEADER_BYTES, length);
    if (!payload || crc32(payload) !== checksum) break;
    onFrame(payload, offset + FRAME_HEADER_BYTES);
    offset += FRAME_HEADER_BYTES + length;
  }
  if (offset === file.size) return { goodEnd: offset, tornBytes: 0 };
  // Only on the failure path: the rest of the file, to tell a torn tail from damage.
  const rest = Buffer.from(file.bytes(offset, file.size - offset) as Buffer);
  if (completeFrameEnd(rest, 0) !== -1) {
    throw new JournalCorruptError(
      path,
      offset,
      'a complete record fails its checksum (damaged after it was written, not torn by a crash)',
    );
  }
  for (let probe = 1; probe + FRAME_HEADER_BYTES <= rest.length; probe++) {
    if (frameEnd(rest, probe) !== -1) {
      throw new JournalCorruptError(
        path,
        offset,
        `a damaged record is followed by intact records (first at byte ${offset + probe})`,
      );
    }
  }
  return { goodEnd: offset, tornBytes: rest.length };
}
