import { describe, expect } from 'vitest';
import {
  type EventStore,
  type ExpectedVersion,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '../../event-store.ts';
import {
  type ContractFactory,
  type ContractOptions,
  caseRegistrar,
  uniqueKey,
  useFixture,
} from '../contract-kit.ts';
import { ev, numbered, nums } from './event-store-helpers.ts';
import { registerSubscriptionCases } from './event-store-subscription.cases.ts';

export const eventStoreCases = [
  'append-new-stream',
  'expected-exact',
  'expected-no-stream',
  'expected-stream-exists',
  'expected-any',
  'invalid-append',
  'concurrent-appends',
  'atomic-batch',
  'read-stream-range',
  'global-order',
  'read-all-resume',
  'head-position',
  'head-empty',
  'json-round-trip',
  'returns-copies',
  'subscribe-catch-up',
  'subscribe-from-start',
  'unsubscribe',
  'slow-subscriber',
  'peer-append-race',
  'peer-subscribe',
] as const;
export type EventStoreCase = (typeof eventStoreCases)[number];

/**
 * The EventStore port's semantics, run against one adapter. The backend may
 * outlive a test and be shared with other tests, so every case uses streams of
 * its own and filters global reads down to them (starting from the head it saw first).
 */
export function eventStoreContract(
  name: string,
  factory: ContractFactory<EventStore>,
  options: ContractOptions<EventStoreCase> = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    const fx = useFixture(factory);
    const test = caseRegistrar('eventStoreContract', eventStoreCases, options);

    /** Every event of `streams` after `after`, paging through readAll with `limit`. */
    async function readAllOf(
      streams: string[],
      after: string | null,
      limit = 7,
      store: EventStore = fx.instance,
    ): Promise<RecordedEvent[]> {
      const out: RecordedEvent[] = [];
      let cursor = after;
      for (;;) {
        const page = await store.readAll({ after: cursor, limit });
        expect(page.length).toBeLessThanOrEqual(limit);
        out.push(...page.filter((e) => streams.includes(e.stream)));
        const last = page.at(-1);
        if (!last) return out;
        cursor = last.position;
      }
    }

    async function rejection(promise: Promise<unknown>): Promise<unknown> {
      return promise.then(
        () => new Error('expected a rejection, the promise resolved'),
        (error: unknown) => error,
      );
    }

    async function expectWrongVersion(
      promise: Promise<unknown>,
      stream: string,
      expected: ExpectedVersion,
      actual: number,
    ): Promise<void> {
      const error = await rejection(promise);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', stream, expected, actual });
    }

    test('append-new-stream', 'appends to a new stream record every field', async () => {
      const stream = uniqueKey('es');
      const result = await fx.instance.append(
        stream,
        [ev('a', { x: 1 }), { type: 'b', data: [2], metadata: { actor: 'admin' } }],
        { expectedVersion: 0 },
      );
      expect(result.nextVersion).toBe(2);
      const events = await fx.instance.readStream(stream);
      expect(events).toMatchObject([
        { stream, version: 1, type: 'a', data: { x: 1 }, metadata: {} },
        { stream, version: 2, type: 'b', data: [2], metadata: { actor: 'admin' } },
      ]);
      expect(events[1]?.position).toBe(result.position);
      expect(events.every((e) => e.recordedAt === fx.clock.now())).toBe(true);
      expect(new Set(events.map((e) => e.id)).size).toBe(2);
      expect(events.every((e) => typeof e.id === 'string' && e.id.length > 0)).toBe(true);
      expect(events[0]?.position).not.toBe(events[1]?.position);
    });

    test('expected-exact', 'an exact version must match; the error says why', async () => {
      const stream = uniqueKey('es');
      await fx.instance.append(stream, [ev('a'), ev('b')], { expectedVersion: 0 });
      await expectWrongVersion(
        fx.instance.append(stream, [ev('c')], { expectedVersion: 1 }),
        stream,
        1,
        2,
      );
      await expectWrongVersion(
        fx.instance.append(stream, [ev('c')], { expectedVersion: 3 }),
        stream,
        3,
        2,
      );
      const ok = await fx.instance.append(stream, [ev('c')], { expectedVersion: 2 });
      expect(ok.nextVersion).toBe(3);
      expect((await fx.instance.readStream(stream)).map((e) => e.type)).toEqual(['a', 'b', 'c']);
    });

    test('expected-no-stream', "'no-stream' succeeds on a new stream only", async () => {
      const stream = uniqueKey('es');
      expect(
        (await fx.instance.append(stream, [ev('a')], { expectedVersion: 'no-stream' })).nextVersion,
      ).toBe(1);
      await expectWrongVersion(
        fx.instance.append(stream, [ev('b')], { expectedVersion: 'no-stream' }),
        stream,
        'no-stream',
        1,
      );
      expect(await fx.instance.readStream(stream)).toHaveLength(1);
    });

    test(
      'expected-stream-exists',
      "'stream-exists' fails on a new stream and succeeds on an existing one",
      async () => {
        const stream = uniqueKey('es');
        await expectWrongVersion(
          fx.instance.append(stream, [ev('a')], { expectedVersion: 'stream-exists' }),
          stream,
          'stream-exists',
          0,
        );
        expect(await fx.instance.readStream(stream)).toEqual([]);
        await fx.instance.append(stream, [ev('a')], { expectedVersion: 'no-stream' });
        const result = await fx.instance.append(stream, [ev('b')], {
          expectedVersion: 'stream-exists',
        });
        expect(result.nextVersion).toBe(2);
      },
    );

    test('expected-any', "'any' appends to new and existing streams", async () => {
      const stream = uniqueKey('es');
      expect(
        (await fx.instance.append(stream, [ev('a')], { expectedVersion: 'any' })).nextVersion,
      ).toBe(1);
      expect(
        (await fx.instance.append(stream, [ev('b'), ev('c')], { expectedVersion: 'any' }))
          .nextVersion,
      ).toBe(3);
    });

    test(
      'invalid-append',
      'no events, or a negative / fractional version, is rejected and writes nothing',
      async () => {
        const stream = uniqueKey('es');
        const before = await fx.instance.headPosition();
        for (const attempt of [
          fx.instance.append(stream, [], { expectedVersion: 'any' }),
          fx.instance.append(stream, [ev('a')], { expectedVersion: -1 }),
          fx.instance.append(stream, [ev('a')], { expectedVersion: 0.5 }),
        ]) {
          const error = await rejection(attempt);
          expect(error).toBeInstanceOf(Error);
          expect(error).not.toBeInstanceOf(WrongExpectedVersionError);
        }
        expect(await fx.instance.readStream(stream)).toEqual([]);
        expect(await readAllOf([stream], before)).toEqual([]);
      },
    );

    test(
      'concurrent-appends',
      'of 20 concurrent appends at one version exactly one wins',
      async () => {
        const stream = uniqueKey('es');
        await fx.instance.append(stream, [ev('seed')], { expectedVersion: 'no-stream' });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            fx.instance.append(stream, [ev('race', { n: i })], { expectedVersion: 1 }),
          ),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const reason of lost) expect(reason).toBeInstanceOf(WrongExpectedVersionError);
        const events = await fx.instance.readStream(stream);
        expect(events).toHaveLength(2);
        expect(won[0]?.value.position).toBe(events[1]?.position);
      },
    );

    test(
      'atomic-batch',
      'a batch gets contiguous versions and positions, or nothing at all',
      async () => {
        const [a, b] = [uniqueKey('es'), uniqueKey('es')];
        const start = await fx.instance.headPosition();
        await Promise.all([
          fx.instance.append(a, numbered(0, 5), { expectedVersion: 0 }),
          fx.instance.append(b, numbered(100, 5), { expectedVersion: 0 }),
        ]);
        await expectWrongVersion(
          fx.instance.append(a, numbered(5, 3), { expectedVersion: 0 }),
          a,
          0,
          5,
        );
        expect((await fx.instance.readStream(a)).map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
        const all = await readAllOf([a, b], start);
        expect(all).toHaveLength(10);
        // Each batch is one unbroken run in global order (whichever went first).
        const runs = [nums(all.slice(0, 5)), nums(all.slice(5))].sort(
          (x, y) => (x[0] ?? 0) - (y[0] ?? 0),
        );
        expect(runs).toEqual([
          [0, 1, 2, 3, 4],
          [100, 101, 102, 103, 104],
        ]);
      },
    );

    test('read-stream-range', 'readStream honours fromVersion and limit', async () => {
      const stream = uniqueKey('es');
      await fx.instance.append(stream, numbered(1, 10), { expectedVersion: 0 });
      expect(nums(await fx.instance.readStream(stream, { fromVersion: 4 }))).toEqual([
        4, 5, 6, 7, 8, 9, 10,
      ]);
      expect(nums(await fx.instance.readStream(stream, { fromVersion: 4, limit: 3 }))).toEqual([
        4, 5, 6,
      ]);
      expect(nums(await fx.instance.readStream(stream, { limit: 2 }))).toEqual([1, 2]);
      expect(await fx.instance.readStream(stream, { fromVersion: 11 })).toEqual([]);
      expect(await fx.instance.readStream(uniqueKey('es'))).toEqual([]);
    });

    test(
      'global-order',
      'readAll returns interleaved streams in append order, each in version order',
      async () => {
        const streams = [uniqueKey('es'), uniqueKey('es'), uniqueKey('es')];
        const start = await fx.instance.headPosition();
        const positions: string[] = [];
        for (let n = 0; n < 12; n++) {
          const stream = streams[n % 3] as string;
          const r = await fx.instance.append(stream, [ev('n', { n })], { expectedVersion: 'any' });
          positions.push(r.position);
        }
        const all = await readAllOf(streams, start);
        expect(nums(all)).toEqual([...Array(12).keys()]);
        expect(all.map((e) => e.position)).toEqual(positions);
        expect(new Set(positions).size).toBe(12);
        for (const stream of streams) {
          const versions = all.filter((e) => e.stream === stream).map((e) => e.version);
          expect(versions).toEqual([1, 2, 3, 4]);
        }
      },
    );

    test(
      'read-all-resume',
      'readAll({ after }) resumes exactly at a checkpoint; pages add up with no gap or duplicate',
      async () => {
        const stream = uniqueKey('es');
        const start = await fx.instance.headPosition();
        await fx.instance.append(stream, numbered(0, 4), { expectedVersion: 0 });
        const mid = (await fx.instance.readStream(stream)).at(-1)?.position ?? null;
        await fx.instance.append(stream, numbered(4, 6), { expectedVersion: 4 });
        expect(nums(await readAllOf([stream], mid, 1000))).toEqual([4, 5, 6, 7, 8, 9]);
        for (const limit of [1, 3, 4, 100]) {
          expect(nums(await readAllOf([stream], start, limit))).toEqual([...Array(10).keys()]);
        }
        const last = (await fx.instance.readStream(stream)).at(-1)?.position ?? null;
        expect(await readAllOf([stream], last)).toEqual([]);
        const firstTwo = await fx.instance.readAll({ after: start, limit: 2 });
        expect(firstTwo.length).toBeLessThanOrEqual(2);
      },
    );

    test('head-position', 'headPosition is the newest event’s position', async () => {
      const stream = uniqueKey('es');
      const first = await fx.instance.append(stream, [ev('a')], { expectedVersion: 0 });
      expect(await fx.instance.headPosition()).toBe(first.position);
      const second = await fx.instance.append(stream, [ev('b'), ev('c')], { expectedVersion: 1 });
      expect(await fx.instance.headPosition()).toBe(second.position);
      expect(second.position).not.toBe(first.position);
    });

    test('head-empty', 'a fresh store has no head and reads nothing', async () => {
      expect(await fx.instance.headPosition()).toBeNull();
      expect(await fx.instance.readAll()).toEqual([]);
    });

    test('json-round-trip', 'JSON data and metadata of every kind round-trip', async () => {
      const stream = uniqueKey('es');
      const values = [0, -1.5, 'text ✓', true, null, [1, 'a', null], { a: { b: [1, 2] } }];
      await fx.instance.append(
        stream,
        values.map((data) => ({ type: 'v', data, metadata: { data } })),
        { expectedVersion: 0 },
      );
      const events = await fx.instance.readStream(stream);
      expect(events.map((e) => e.data)).toEqual(values);
      expect(events.map((e) => e.metadata)).toEqual(values.map((data) => ({ data })));
    });

    test(
      'returns-copies',
      'mutating appended or read objects does not change the log',
      async () => {
        const stream = uniqueKey('es');
        const data = { list: [1] };
        await fx.instance.append(stream, [{ type: 't', data }], { expectedVersion: 0 });
        data.list.push(2);
        const [read] = await fx.instance.readStream(stream);
        (read?.data as { list: number[] } | undefined)?.list.push(3);
        expect((await fx.instance.readStream(stream))[0]?.data).toEqual({ list: [1] });
      },
    );

    registerSubscriptionCases({ fx, test, readAllOf });
  });
}
