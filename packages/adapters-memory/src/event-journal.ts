import {
  closeSync,
  existsSync,
  fdatasync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  write,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { createFileWindow, readFully } from './file-window.ts';
import { fsyncDirectory } from './fsync-directory.ts';
import {
  encodeFrame,
  FRAME_PAYLOAD_OFFSET,
  JOURNAL_MAGIC,
  JOURNAL_MAGIC_V1,
  JournalCorruptError,
  scanFrames,
  tornTailWarning,
} from './journal-frame.ts';
import { convertV1Journal } from './journal-v1.ts';

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);

export interface EventJournalOptions {
  /** extra wait before a flush to gather more appends into one fsync (default 0) */
  fsyncIntervalMs?: number;
  onWarning: (message: string) => void;
  /** called with every frame already in the file, oldest first (payload valid during the call only) */
  onFrame: (payload: Buffer, payloadOffset: number) => void;
}

export interface EventJournal {
  /**
   * Queues one append's records; resolves with the file offset where they
   * landed once they are written and fsync'd. Appends queued while a flush runs
   * share the next write + fsync (group commit). Throws at once when the
   * journal is closed or has failed.
   */
  append(records: Buffer): Promise<number>;
  /** `length` bytes at file offset `offset` (of frames already written) */
  read(offset: number, length: number): Buffer;
  /** resolves once every queued append is written (or has failed) */
  drain(): Promise<void>;
  /** closes the file; call after drain() */
  close(): void;
}

interface Pending {
  records: Buffer;
  resolve: (offset: number) => void;
  reject: (error: unknown) => void;
}

type Format = 'fresh' | 'v1' | 'current';

/** What the magic header says; a header cut short by a crash while creating the file is 'fresh'. */
function journalFormat(path: string): Format {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(JOURNAL_MAGIC.length);
    const n = readSync(fd, head, 0, head.length, 0);
    if (n < head.length && JOURNAL_MAGIC.subarray(0, n).equals(head.subarray(0, n))) return 'fresh';
    if (head.equals(JOURNAL_MAGIC)) return 'current';
    if (head.equals(JOURNAL_MAGIC_V1)) return 'v1';
    throw new JournalCorruptError(path, 0, 'not a BanGUI event journal (bad magic header)');
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens (or creates) a journal: converts a format-1 file, checks it frame by
 * frame, cuts off a torn tail, keeps it open for appends and reads.
 */
export function openEventJournal(path: string, options: EventJournalOptions): EventJournal {
  const existed = existsSync(path);
  const format = existed ? journalFormat(path) : 'fresh';
  if (format === 'v1') convertV1Journal(path, options.onWarning);
  // O_APPEND: every write lands at the end of the file, whatever was truncated.
  const fd = openSync(path, existed ? 'a+' : 'ax+');
  try {
    if (format === 'fresh') {
      ftruncateSync(fd, 0);
      writeSync(fd, JOURNAL_MAGIC);
      fsyncSync(fd);
      // The new directory entry must be durable too, or the whole file can vanish.
      fsyncDirectory(dirname(path));
      return createJournalWriter(fd, JOURNAL_MAGIC.length, options);
    }
    const scanned = scanFrames(createFileWindow(fd, fstatSync(fd).size), path, options.onFrame);
    if (scanned.tornBytes > 0) {
      options.onWarning(tornTailWarning(path, scanned));
      ftruncateSync(fd, scanned.goodEnd);
      fsyncSync(fd);
    }
    return createJournalWriter(fd, scanned.goodEnd, options);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function createJournalWriter(
  fd: number,
  fileEnd: number,
  options: EventJournalOptions,
): EventJournal {
  let queue: Pending[] = [];
  let scheduled = false;
  let flushing: Promise<void> | null = null;
  let failure: unknown = null;
  let closed = false;
  let fdClosed = false;
  // Where the next frame lands: the file is locked to this process, so only our
  // own (serialised) writes move its end.
  let end = fileEnd;

  const flush = async (): Promise<void> => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        if (failure) throw failure;
        const frame = encodeFrame(batch.map((p) => p.records));
        let written = 0;
        while (written < frame.length) {
          written += (await writeAsync(fd, frame, written, frame.length - written, null))
            .bytesWritten;
        }
        await fdatasyncAsync(fd);
        let at = end + FRAME_PAYLOAD_OFFSET;
        end += frame.length;
        for (const p of batch) {
          p.resolve(at);
          at += p.records.length;
        }
      } catch (error) {
        // After a failed write or fsync the file's tail is unknown (the kernel may
        // have dropped dirty pages): refuse every later append, like PostgreSQL does.
        failure ??= error;
        for (const p of batch) p.reject(error);
      }
    }
  };

  const schedule = (): void => {
    if (scheduled || flushing) return;
    scheduled = true;
    const start = () => {
      flushing = flush().finally(() => {
        flushing = null;
        // Appends that arrived while the last frame was being written.
        if (queue.length > 0) schedule();
      });
    };
    if (options.fsyncIntervalMs) setTimeout(start, options.fsyncIntervalMs);
    else queueMicrotask(start);
  };

  return {
    append(records) {
      // Thrown, not returned as a rejection, so the caller reserves nothing.
      if (closed) throw new Error('event journal is closed');
      if (failure) throw failure;
      return new Promise<number>((resolve, reject) => {
        queue.push({ records, resolve, reject });
        schedule();
      });
    },
    read(offset, length) {
      // A closed descriptor's number may already belong to another file.
      if (fdClosed) throw new Error('event journal is closed');
      const buffer = Buffer.allocUnsafe(length);
      readFully(fd, buffer, length, offset);
      return buffer;
    },
    async drain() {
      closed = true;
      while (scheduled || flushing || queue.length > 0) {
        if (flushing) await flushing;
        else await new Promise((resolve) => setTimeout(resolve, options.fsyncIntervalMs ?? 0));
      }
    },
    close() {
      if (fdClosed) return;
      fdClosed = true;
      closeSync(fd);
    },
  };
}
