import {
  closeSync,
  existsSync,
  fdatasync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  write,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { encodeFrame, JOURNAL_MAGIC, scanJournal } from './journal-frame.ts';

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);

export interface EventJournalOptions {
  /** extra wait before a flush to gather more appends into one fsync (default 0) */
  fsyncIntervalMs?: number;
  onWarning: (message: string) => void;
}

export interface EventJournal {
  /** the payload of every frame already in the file, oldest first */
  readonly replayed: Buffer[];
  /**
   * Queues one JSON entry list (already comma-separated entries, no brackets);
   * resolves once it is written and fsync'd. Appends queued while a flush runs
   * share the next write + fsync (group commit). Throws at once when the
   * journal is closed or has failed.
   */
  append(entries: string): Promise<void>;
  /** waits for queued appends, then closes the file */
  close(): Promise<void>;
}

interface Pending {
  entries: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Opens (or creates) a journal: checks it, cuts off a torn tail, keeps it open for appends. */
export function openEventJournal(path: string, options: EventJournalOptions): EventJournal {
  const existed = existsSync(path);
  const file = existed ? readFileSync(path) : Buffer.alloc(0);
  // A crash while creating the file can leave a partial header: treat as new.
  const fresh =
    file.length < JOURNAL_MAGIC.length && JOURNAL_MAGIC.subarray(0, file.length).equals(file);
  const scanned = fresh ? null : scanJournal(file, path);
  // O_APPEND: every write lands at the end of the file, whatever was truncated.
  const fd = openSync(path, existed ? 'a+' : 'ax+');
  try {
    if (scanned && scanned.tornBytes > 0) {
      options.onWarning(
        `event journal ${path}: dropped ${scanned.tornBytes} bytes after byte ${scanned.goodEnd} ` +
          '(an incomplete last record, left by a crash before it was acknowledged)',
      );
      ftruncateSync(fd, scanned.goodEnd);
      fsyncSync(fd);
    }
    if (fresh) {
      ftruncateSync(fd, 0);
      writeSync(fd, JOURNAL_MAGIC);
      fsyncSync(fd);
      // The new directory entry must be durable too, or the whole file can vanish.
      fsyncDirectory(dirname(path));
    }
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return createJournalWriter(fd, scanned?.payloads ?? [], options);
}

function createJournalWriter(
  fd: number,
  replayed: Buffer[],
  options: EventJournalOptions,
): EventJournal {
  let queue: Pending[] = [];
  let scheduled = false;
  let flushing: Promise<void> | null = null;
  let failure: unknown = null;
  let closed = false;

  const flush = async (): Promise<void> => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        if (failure) throw failure;
        const frame = encodeFrame(Buffer.from(`[${batch.map((p) => p.entries).join(',')}]`));
        let written = 0;
        while (written < frame.length) {
          written += (await writeAsync(fd, frame, written, frame.length - written, null))
            .bytesWritten;
        }
        await fdatasyncAsync(fd);
        for (const p of batch) p.resolve();
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
    replayed,
    append(entries) {
      // Thrown, not returned as a rejection, so the caller reserves nothing.
      if (closed) throw new Error('event journal is closed');
      if (failure) throw failure;
      return new Promise<void>((resolve, reject) => {
        queue.push({ entries, resolve, reject });
        schedule();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      while (scheduled || flushing || queue.length > 0) {
        if (flushing) await flushing;
        else await new Promise((resolve) => setTimeout(resolve, options.fsyncIntervalMs ?? 0));
      }
      closeSync(fd);
    },
  };
}
