import { crc32 } from 'node:zlib';

/**
 * Journal file layout: an 8-byte magic header, then frames. A frame is
 *
 *   u32le length | u32le ~length | u32le crc32(payload) | payload (length bytes)
 *
 * One frame holds everything written by one group commit (one write + one
 * fsync), so a crash can tear only the last frame. The complemented length
 * lets a reader tell a damaged length field from a frame that is merely cut short.
 */
export const JOURNAL_MAGIC = Buffer.from('BANGUIJ1', 'latin1');
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

export function encodeFrame(payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(~payload.length >>> 0, 4);
  frame.writeUInt32LE(crc32(payload), 8);
  payload.copy(frame, FRAME_HEADER_BYTES);
  return frame;
}

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
  payloads: Buffer[];
  /** offset just past the last good frame */
  goodEnd: number;
  /** bytes after goodEnd: a torn last frame or trailing garbage, to be cut off */
  tornBytes: number;
}

/**
 * Reads every frame of a journal file. Only a frame cut short by the end of the
 * file (or a header that is itself cut or torn) is a torn tail, reported in
 * tornBytes: a crash stopped the write before it was acknowledged. A frame
 * whose header is intact and whose bytes are all there but whose checksum
 * fails was written whole and damaged afterwards, and a bad frame followed by
 * any valid frame is damage in the middle: both throw JournalCorruptError.
 */
export function scanJournal(file: Buffer, path: string): ScannedJournal {
  if (!file.subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC)) {
    throw new JournalCorruptError(path, 0, 'not a BanGUI event journal (bad magic header)');
  }
  const payloads: Buffer[] = [];
  let offset = JOURNAL_MAGIC.length;
  for (let end = frameEnd(file, offset); end !== -1; end = frameEnd(file, offset)) {
    payloads.push(file.subarray(offset + FRAME_HEADER_BYTES, end));
    offset = end;
  }
  if (completeFrameEnd(file, offset) !== -1) {
    throw new JournalCorruptError(
      path,
      offset,
      'a complete record fails its checksum (damaged after it was written, not torn by a crash)',
    );
  }
  // Only on the failure path: look for any intact frame after the bad one.
  for (let probe = offset + 1; probe + FRAME_HEADER_BYTES <= file.length; probe++) {
    if (frameEnd(file, probe) !== -1) {
      throw new JournalCorruptError(
        path,
        offset,
        `a damaged record is followed by intact records (first at byte ${probe})`,
      );
    }
  }
  return { payloads, goodEnd: offset, tornBytes: file.length - offset };
}
