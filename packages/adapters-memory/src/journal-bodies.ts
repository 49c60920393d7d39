import type { EventBodies } from './event-bodies.ts';
import type { EventIndex } from './event-index.ts';
import { type EventJournal, openEventJournal } from './event-journal.ts';
import { JournalCorruptError } from './journal-frame.ts';
import { encodeRecords, forEachRecord } from './journal-record.ts';
import { withCapacity } from './typed-array-growth.ts';

export interface JournalBodiesOptions {
  fsyncIntervalMs?: number;
  onWarning: (message: string) => void;
}

/** Bodies closer than this in the file are fetched by one read, the bytes between thrown away. */
const MAX_GAP_BYTES = 16 * 1024;
/** A read is not stretched beyond this to take in one more body. */
const MAX_READ_BYTES = 1 << 20;

/**
 * Event bodies left in the journal file: memory holds only each body's file
 * offset and byte length (12 bytes an event), and reads fetch them with
 * positional reads, neighbours in one read. Opening the journal fills `index`
 * from the records' headers without parsing or keeping a single body.
 */
export function openJournalBodies(
  path: string,
  index: EventIndex,
  options: JournalBodiesOptions,
): EventBodies {
  // Offsets as doubles: a journal may grow past 4 GiB.
  let offsets = new Float64Array(0);
  let lengths = new Uint32Array(0);
  const place = (position: number, offset: number, length: number): void => {
    offsets = withCapacity(offsets, position);
    lengths = withCapacity(lengths, position);
    offsets[position - 1] = offset;
    lengths[position - 1] = length;
  };

  const journal: EventJournal = openEventJournal(path, {
    ...options,
    onFrame: (payload, payloadOffset) => {
      forEachRecord(payload, path, (stream, version, position, bodyStart, bodyLength) => {
        // A checksum cannot catch a frame that was written twice or out of
        // order: positions and stream versions must continue exactly.
        const expected = [index.length + 1, index.versionOf(stream) + 1];
        if (position !== expected[0] || version !== expected[1]) {
          throw new JournalCorruptError(
            path,
            payloadOffset + bodyStart,
            `the event has position ${position} / version ${version} of '${stream}', expected ${expected[0]} / ${expected[1]}`,
          );
        }
        index.add(stream, 1);
        place(position, payloadOffset + bodyStart, bodyLength);
      });
    },
  });

  return {
    append(stream, firstVersion, firstPosition, bodies) {
      const encoded = encodeRecords(
        bodies.map((body, i) => ({
          stream,
          version: firstVersion + i,
          position: firstPosition + i,
          body,
        })),
      );
      return journal.append(encoded.payload).then((at) => {
        encoded.bodyOffsets.forEach((offset, i) => {
          place(firstPosition + i, at + offset, encoded.bodyLengths[i] as number);
        });
      });
    },
    read(positions) {
      const out: string[] = [];
      // File order is position order, so a run of positions is a run of bytes.
      for (let i = 0; i < positions.length; ) {
        const start = offsets[(positions[i] as number) - 1] as number;
        let end = start;
        let j = i;
        for (; j < positions.length; j++) {
          const p = positions[j] as number;
          const at = offsets[p - 1] as number;
          const to = at + (lengths[p - 1] as number);
          if (j > i && (at - end > MAX_GAP_BYTES || to - start > MAX_READ_BYTES)) break;
          end = to;
        }
        const bytes = journal.read(start, end - start);
        for (; i < j; i++) {
          const p = positions[i] as number;
          const at = (offsets[p - 1] as number) - start;
          out.push(bytes.toString('utf8', at, at + (lengths[p - 1] as number)));
        }
      }
      return out;
    },
    drain: () => journal.drain(),
    close: () => journal.close(),
  };
}
