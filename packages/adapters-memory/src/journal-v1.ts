import { closeSync, fstatSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeEventBody } from './event-body.ts';
import { createFileWindow } from './file-window.ts';
import { fsyncDirectory } from './fsync-directory.ts';
import {
  encodeFrame,
  JOURNAL_MAGIC,
  JournalCorruptError,
  scanFrames,
  tornTailWarning,
} from './journal-frame.ts';
import { encodeRecords, type JournalRecord } from './journal-record.ts';

/** An event in a format-1 frame, whose payload is a JSON array of these. */
interface V1Entry {
  p: number;
  s: string;
  v: number;
  i: string;
  t: string;
  r: number;
  d: unknown;
  m: Record<string, unknown>;
}

/** Gathers output frames so that converting a journal of single-event frames is not a write per event. */
const WRITE_BATCH_BYTES = 1 << 20;

function writeAll(fd: number, buffers: Buffer[]): void {
  const chunk = Buffer.concat(buffers);
  let written = 0;
  while (written < chunk.length) written += writeSync(fd, chunk, written);
}

/**
 * Rewrites a format-1 journal (data dirs of earlier releases) in the current
 * format, frame for frame, so each append stays all-or-nothing. The new file
 * is written beside it, fsync'd and renamed over it: a crash during the
 * conversion leaves the old file as it was. A torn tail is dropped with the
 * usual warning; damage, or positions and versions that do not continue
 * exactly, refuse to start and change nothing.
 */
export function convertV1Journal(path: string, onWarning: (message: string) => void): void {
  const target = `${path}.converting`;
  const source = openSync(path, 'r');
  let out: number | null = null;
  try {
    out = openSync(target, 'w');
    const output = out;
    const versions = new Map<string, number>();
    let position = 0;
    let pending: Buffer[] = [JOURNAL_MAGIC];
    let pendingBytes = JOURNAL_MAGIC.length;
    const scanned = scanFrames(
      createFileWindow(source, fstatSync(source).size),
      path,
      (payload) => {
        let entries: V1Entry[];
        try {
          entries = JSON.parse(payload.toString('utf8'));
        } catch (error) {
          throw new JournalCorruptError(
            path,
            null,
            `a record is not valid JSON (${String(error)})`,
          );
        }
        const records = entries.map((entry): JournalRecord => {
          const version = (versions.get(entry.s) ?? 0) + 1;
          position++;
          if (entry.p !== position || entry.v !== version) {
            throw new JournalCorruptError(
              path,
              null,
              `event ${entry.i} has position ${entry.p} / version ${entry.v} of '${entry.s}', expected ${position} / ${version}`,
            );
          }
          versions.set(entry.s, version);
          const body = encodeEventBody({
            id: entry.i,
            type: entry.t,
            data: JSON.stringify(entry.d),
            metadata: JSON.stringify(entry.m),
            recordedAt: entry.r,
          });
          return { stream: entry.s, version, position, body };
        });
        const frame = encodeFrame([encodeRecords(records).payload]);
        pending.push(frame);
        pendingBytes += frame.length;
        if (pendingBytes >= WRITE_BATCH_BYTES) {
          writeAll(output, pending);
          pending = [];
          pendingBytes = 0;
        }
      },
    );
    writeAll(output, pending);
    fsyncSync(output);
    if (scanned.tornBytes > 0) {
      onWarning(tornTailWarning(path, scanned));
    }
  } catch (error) {
    if (out !== null) closeSync(out);
    closeSync(source);
    rmSync(target, { force: true });
    throw error;
  }
  closeSync(out);
  closeSync(source);
  renameSync(target, path);
  fsyncDirectory(dirname(path));
}
