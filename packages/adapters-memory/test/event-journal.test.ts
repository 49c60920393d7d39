import {
  appendFileSync,
  closeSync,
  openSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@bangui/core';
import { describe, expect, it } from 'vitest';
import { createFileWindow } from '../src/file-window.ts';
import { JournalCorruptError, scanFrames } from '../src/journal-frame.ts';
import {
  createMemoryEventStore,
  JOURNAL_FILE_NAME,
  type MemoryEventStoreOptions,
} from '../src/memory-event-store.ts';
import { useTempDirs } from './helpers/temp-dir.ts';

const tempDir = useTempDirs();

function open(dataDir: string, extra: MemoryEventStoreOptions = {}) {
  const warnings: string[] = [];
  const store = createMemoryEventStore({
    dataDir,
    onWarning: (m) => warnings.push(m),
    ...extra,
  });
  return { store, warnings };
}

/** Three appends (1, 2 and 3 events) in three separate journal frames. */
async function seed(dataDir: string): Promise<RecordedEvent[]> {
  const { store } = open(dataDir);
  await store.append('a', [{ type: 'one', data: { n: 1 } }], { expectedVersion: 'no-stream' });
  await store.append(
    'b',
    [1, 2].map((n) => ({ type: 'two', data: { n }, metadata: { n } })),
    {
      expectedVersion: 0,
    },
  );
  await store.append(
    'a',
    [3, 4, 5].map((n) => ({ type: 'three', data: { n } })),
    {
      expectedVersion: 1,
    },
  );
  const all = await store.readAll();
  await store.close();
  return all;
}

const journalOf = (dataDir: string) => join(dataDir, JOURNAL_FILE_NAME);
function frameCount(dataDir: string): number {
  const fd = openSync(journalOf(dataDir), 'r');
  try {
    let frames = 0;
    scanFrames(createFileWindow(fd, statSync(journalOf(dataDir)).size), 'journal', () => frames++);
    return frames;
  } finally {
    closeSync(fd);
  }
}

describe('journal-backed memory event store', () => {
  it('replays identical events, versions and positions after close and reopen', async () => {
    const dir = tempDir();
    const before = await seed(dir);
    expect(before).toHaveLength(6);
    const { store, warnings } = open(dir);
    expect(await store.readAll()).toEqual(before);
    expect(await store.readStream('a')).toEqual(before.filter((e) => e.stream === 'a'));
    expect(await store.headPosition()).toBe(before.at(-1)?.position);
    // Sequencing continues where the file ended.
    const next = await store.append('a', [{ type: 'four', data: {} }], { expectedVersion: 4 });
    expect(next.nextVersion).toBe(5);
    expect(await store.readAll({ after: before.at(-1)?.position })).toHaveLength(1);
    expect(warnings).toEqual([]);
    await store.close();
  });

  it('shares one write + fsync between appends made in the same tick (group commit)', async () => {
    const dir = tempDir();
    const { store } = open(dir);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.append(`s-${i}`, [{ type: 't', data: i }], { expectedVersion: 0 }),
      ),
    );
    await store.close();
    expect(frameCount(dir)).toBe(1);
    expect(await open(dir).store.readAll()).toHaveLength(50);
  });

  it('drops a torn last record with a warning and keeps appending after it', async () => {
    const dir = tempDir();
    const before = await seed(dir);
    const size = statSync(journalOf(dir)).size;
    truncateSync(journalOf(dir), size - 3);
    const { store, warnings } = open(dir);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/dropped \d+ bytes/);
    // The last append (3 events) is gone as a whole, the rest is intact.
    expect(await store.readAll()).toEqual(before.slice(0, 3));
    await store.append('a', [{ type: 'again', data: {} }], { expectedVersion: 1 });
    await store.close();
    const reopened = open(dir);
    expect(reopened.warnings).toEqual([]);
    expect((await reopened.store.readAll()).map((e) => e.type)).toEqual([
      'one',
      'two',
      'two',
      'again',
    ]);
    await reopened.store.close();
  });

  it('drops garbage after the last record with a warning, losing nothing', async () => {
    const dir = tempDir();
    const before = await seed(dir);
    const size = statSync(journalOf(dir)).size;
    appendFileSync(journalOf(dir), Buffer.from([7, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const { store, warnings } = open(dir);
    expect(warnings).toHaveLength(1);
    expect(await store.readAll()).toEqual(before);
    await store.close();
    expect(statSync(journalOf(dir)).size).toBe(size);
  });

  it('refuses to start when a record in the middle is damaged, naming the file', async () => {
    const dir = tempDir();
    await seed(dir);
    const file = readFileSync(journalOf(dir));
    // Byte 8 + 12 + 2 lies inside the first frame's payload.
    for (const offset of [22, 8, 9]) {
      const damaged = Buffer.from(file);
      damaged[offset] = (damaged[offset] as number) ^ 0x20;
      writeFileSync(journalOf(dir), damaged);
      expect(() => open(dir)).toThrow(JournalCorruptError);
      expect(() => open(dir)).toThrow(/corrupt at byte 8: .*Refusing to start/);
    }
    // The refusal changed nothing on disk and released the lock.
    expect(readFileSync(journalOf(dir)).length).toBe(file.length);
    writeFileSync(journalOf(dir), file);
    const { store } = open(dir);
    expect(await store.readAll()).toHaveLength(6);
    await store.close();
  });

  it('refuses to start when the last record is complete but fails its checksum', async () => {
    const dir = tempDir();
    await seed(dir);
    const file = readFileSync(journalOf(dir));
    const damaged = Buffer.from(file);
    // The last byte belongs to the last frame's payload: its length is all there.
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] as number) ^ 0x01;
    writeFileSync(journalOf(dir), damaged);
    expect(() => open(dir)).toThrow(JournalCorruptError);
    expect(() => open(dir)).toThrow(/fails its checksum.*Refusing to start/);
    expect(readFileSync(journalOf(dir))).toEqual(damaged);
  });

  it('refuses a file that is not a journal', () => {
    const dir = tempDir();
    writeFileSync(journalOf(dir), 'hello, this is not a journal');
    expect(() => open(dir)).toThrow(/not a BanGUI event journal/);
  });

  it('treats a partly written header as a new, empty journal', async () => {
    const dir = tempDir();
    writeFileSync(journalOf(dir), 'BANG');
    const { store } = open(dir);
    expect(await store.readAll()).toEqual([]);
    await store.append('x', [{ type: 't', data: 1 }], { expectedVersion: 0 });
    await store.close();
    expect(frameCount(dir)).toBe(1);
  });

  it('close() waits for appends still being written', async () => {
    const dir = tempDir();
    const { store } = open(dir, { fsyncIntervalMs: 20 });
    const pending = store.append('x', [{ type: 't', data: 1 }], { expectedVersion: 0 });
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextVersion: 1 });
    await expect(
      store.append('x', [{ type: 't', data: 2 }], { expectedVersion: 1 }),
    ).rejects.toThrow(/closed/);
    expect(frameCount(dir)).toBe(1);
  });
});
