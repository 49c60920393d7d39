import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeFrame, JOURNAL_MAGIC, JOURNAL_MAGIC_V1 } from '../src/journal-frame.ts';
import { createMemoryEventStore, JOURNAL_FILE_NAME } from '../src/memory-event-store.ts';
import { useTempDirs } from './helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** A format-1 entry, as earlier releases wrote them (one JSON array per frame). */
const v1Entry = (p: number, s: string, v: number, n: number) => ({
  p,
  s,
  v,
  i: `00000000-0000-4000-8000-${String(p).padStart(12, '0')}`,
  t: 'old',
  r: 1_700_000_000_000 + p,
  d: { n },
  m: { by: 'v1' },
});

const v1Frame = (entries: unknown[]) => encodeFrame([Buffer.from(JSON.stringify(entries))]);

describe('journal format', () => {
  it('opens a format-1 journal of an earlier release, converting it in place', async () => {
    const dir = tempDir();
    const path = join(dir, JOURNAL_FILE_NAME);
    const torn = v1Frame([v1Entry(4, 'b', 2, 4)]).subarray(0, 20);
    writeFileSync(
      path,
      Buffer.concat([
        JOURNAL_MAGIC_V1,
        v1Frame([v1Entry(1, 'a', 1, 1), v1Entry(2, 'b', 1, 2)]),
        v1Frame([v1Entry(3, 'a', 2, 3)]),
        torn,
      ]),
    );
    const warnings: string[] = [];
    const store = createMemoryEventStore({ dataDir: dir, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringMatching(/dropped 20 bytes/)]);
    expect(await store.readStream('a')).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000001',
        stream: 'a',
        version: 1,
        position: '1',
        type: 'old',
        data: { n: 1 },
        metadata: { by: 'v1' },
        recordedAt: 1_700_000_000_001,
      },
      expect.objectContaining({ version: 2, position: '3', data: { n: 3 } }),
    ]);
    await store.append('b', [{ type: 'new', data: 4 }], { expectedVersion: 1 });
    await store.close();
    expect(readFileSync(path).subarray(0, 8)).toEqual(JOURNAL_MAGIC);

    const reopened = createMemoryEventStore({ dataDir: dir });
    expect((await reopened.readAll()).map((e) => [e.stream, e.version, e.data])).toEqual([
      ['a', 1, { n: 1 }],
      ['b', 1, { n: 2 }],
      ['a', 2, { n: 3 }],
      ['b', 2, 4],
    ]);
    await reopened.close();
  });

  it('refuses a format-1 journal whose positions do not continue, leaving it as it was', () => {
    const dir = tempDir();
    const path = join(dir, JOURNAL_FILE_NAME);
    const file = Buffer.concat([JOURNAL_MAGIC_V1, v1Frame([v1Entry(2, 'a', 1, 1)])]);
    writeFileSync(path, file);
    expect(() => createMemoryEventStore({ dataDir: dir })).toThrow(/position 2 \/ version 1/);
    expect(readFileSync(path)).toEqual(file);
  });

  it('reads event bodies back from the file rather than keeping them in memory', async () => {
    const dir = tempDir();
    const store = createMemoryEventStore({ dataDir: dir });
    await store.append('s', [{ type: 't', data: { word: 'before' } }], { expectedVersion: 0 });
    const path = join(dir, JOURNAL_FILE_NAME);
    const file = readFileSync(path);
    // Same length, still valid JSON: only a read from the file can see it.
    writeFileSync(path, Buffer.from(file.toString('latin1').replace('before', 'after!'), 'latin1'));
    expect((await store.readAll())[0]?.data).toEqual({ word: 'after!' });
    await store.close();
  });

  it('reads streams interleaved with others and bodies larger than one read', async () => {
    const dir = tempDir();
    const store = createMemoryEventStore({ dataDir: dir });
    const big = 'x'.repeat(700_000);
    for (let n = 0; n < 30; n++) {
      const stream = n % 3 === 0 ? 'sparse' : `other-${n}`;
      const data = n % 7 === 0 ? { n, big } : { n };
      await store.append(stream, [{ type: 't', data }], { expectedVersion: 'any' });
    }
    const sparse = await store.readStream('sparse', { fromVersion: 2, limit: 5 });
    expect(sparse.map((e) => [e.version, (e.data as { n: number }).n])).toEqual([
      [2, 3],
      [3, 6],
      [4, 9],
      [5, 12],
      [6, 15],
    ]);
    const all = await store.readAll();
    expect(all.map((e) => (e.data as { n: number }).n)).toEqual(
      Array.from({ length: 30 }, (_, n) => n),
    );
    expect(all[14]?.data).toEqual({ n: 14, big });
    await store.close();
  });
});
