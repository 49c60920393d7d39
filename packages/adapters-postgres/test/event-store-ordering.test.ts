import { createManualClock, type RecordedEvent, WrongExpectedVersionError } from '@bangui/core';
import { uniqueKey } from '@bangui/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPostgresAdapterSet, type PostgresAdapterSet } from '../src/postgres-adapter-set.ts';
import { freshDatabase } from './helpers/adapter-sets.ts';
import { openBlockingWriter, waitingLocks } from './helpers/blocking-writer.ts';

describe('postgres event store: commit order', () => {
  const opened: PostgresAdapterSet[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((set) => set.close()));
  });
  async function open(url: string): Promise<PostgresAdapterSet> {
    const set = await createPostgresAdapterSet({ url, clock: createManualClock() });
    opened.push(set);
    return set;
  }

  it('a reader never skips an append whose transaction commits late', async () => {
    const url = await freshDatabase();
    const { eventStore: store } = await open(url);
    const [first, second] = [uniqueKey('late'), uniqueKey('later')];
    const delivered: RecordedEvent[] = [];
    const unsubscribe = store.subscribe((events) => void delivered.push(...events));
    try {
      // Hold append A open mid-transaction: it has taken its position and
      // waits on the unique index behind a writer that has not committed.
      const blocker = await openBlockingWriter(url, first, 1);
      const appendA = store.append(first, [{ type: 'A', data: {} }], { expectedVersion: 'any' });
      await vi.waitFor(async () => expect(await waitingLocks(url)).toBe(1));
      // A later append B: it must not become visible ahead of A. Wait until it
      // either committed (the bug) or is itself waiting (serialised behind A).
      let bDone = false;
      const appendB = store
        .append(second, [{ type: 'B', data: {} }], { expectedVersion: 'no-stream' })
        .finally(() => {
          bDone = true;
        });
      await vi.waitFor(async () => expect(bDone || (await waitingLocks(url)) === 2).toBe(true));

      // A reader checkpoints now...
      const seenEarly = await store.readAll();
      const checkpoint = seenEarly.at(-1)?.position ?? null;

      await blocker.rollback();
      const [a, b] = await Promise.all([appendA, appendB]);

      // ...and must still get A after its checkpoint, before B.
      expect((await store.readAll({ after: checkpoint })).map((e) => e.type)).toEqual(['A', 'B']);
      expect(BigInt(a.position)).toBeLessThan(BigInt(b.position));
      await vi.waitFor(() => expect(delivered.map((e) => e.type)).toEqual(['A', 'B']));
    } finally {
      unsubscribe();
    }
  });

  it('a row written by a writer that bypassed the lock turns the append into WrongExpectedVersionError', async () => {
    const url = await freshDatabase();
    const { eventStore: store } = await open(url);
    const stream = uniqueKey('bypass');
    const blocker = await openBlockingWriter(url, stream, 1);
    const append = store.append(stream, [{ type: 'mine', data: {} }], { expectedVersion: 0 }).then(
      () => new Error('expected a rejection'),
      (error: unknown) => error,
    );
    await vi.waitFor(async () => expect(await waitingLocks(url)).toBe(1));
    await blocker.commit();
    const error = await append;
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ stream, expected: 0, actual: 1 });
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['bypass']);
  });

  it('a subscriber on another instance receives appends from both in one global order', async () => {
    const url = await freshDatabase();
    const [here, there] = [await open(url), await open(url)];
    const delivered: RecordedEvent[] = [];
    const unsubscribe = there.eventStore.subscribe((events) => void delivered.push(...events));
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? here : there).eventStore.append(uniqueKey('s'), [{ type: 't', data: { i } }], {
            expectedVersion: 'no-stream',
          }),
        ),
      );
      await vi.waitFor(() => expect(delivered).toHaveLength(20));
      expect(delivered).toEqual(await here.eventStore.readAll());
      const positions = delivered.map((e) => BigInt(e.position));
      expect(positions).toEqual([...positions].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    } finally {
      unsubscribe();
    }
  });
});
