import { readSync } from 'node:fs';

/** Reads exactly `length` bytes at `position` into `buffer` (readSync may return fewer). */
export function readFully(fd: number, buffer: Buffer, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new Error(`unexpected end of file at byte ${position + done}`);
    done += n;
  }
}

export interface FileWindow {
  readonly size: number;
  /** bytes [offset, offset + length) of the file, or null past its end; valid until the next call */
  bytes(offset: number, length: number): Buffer | null;
}

const WINDOW_BYTES = 1 << 20;

/**
 * A moving window over a file for one forward scan: reads a megabyte at a time
 * instead of the whole file, so opening a large journal does not hold it in memory.
 */
export function createFileWindow(fd: number, size: number): FileWindow {
  let buffer = Buffer.allocUnsafe(Math.min(WINDOW_BYTES, size));
  let start = 0;
  let end = 0;
  return {
    size,
    bytes(offset, length) {
      if (offset + length > size) return null;
      if (offset < start || offset + length > end) {
        if (length > buffer.length) buffer = Buffer.allocUnsafe(length);
        const want = Math.min(buffer.length, size - offset);
        readFully(fd, buffer, want, offset);
        start = offset;
        end = offset + want;
      }
      return buffer.subarray(offset - start, offset - start + length);
    },
  };
}
