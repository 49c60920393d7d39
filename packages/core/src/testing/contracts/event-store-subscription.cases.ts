import { expect, vi } from 'vitest';
import {
  type EventStore,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '../../event-store.ts';
import { type FixtureHandle, requirePeer, uniqueKey } from '../contract-kit.ts';
import type { EventStoreCase } from './event-store.contract.ts';
import { ev, numbered, nums } from './event-store-helpers.ts';

interface SubscriptionCaseDeps {
  fx: FixtureHandle<EventStore>;
  test: (id: EventStoreCase, title: string, fn: () => Promise<void>) => void;
  readAllOf: (
    streams: string[],
    after: string | null,
    limit?: number,
    store?: EventStore,
  ) => Promise<RecordedEvent[]>;
}

/**
 * The event-store contract's subscription and two-instance cases, kept apart from
 * the append and read cases so each file stays readable; registered by
 * eventStoreContract inside its describe block.
 */
export function registerSubscriptionCases({ fx, test, readAllOf }: SubscriptionCaseDeps): void {
  test(
    'subscribe-catch-up',
    'a subscriber catches up from a position, then receives live events in order',
    async () => {
      const stream = uniqueKey('es');
      await fx.instance.append(stream, numbered(0, 3), { expectedVersion: 0 });
      const from = (await fx.instance.readStream(stream))[0]?.position ?? null;
      const seen: RecordedEvent[] = [];
      const unsubscribe = fx.instance.subscribe(
        (events) => {
          seen.push(...events.filter((e) => e.stream === stream));
        },
        { after: from },
      );
      try {
        await vi.waitFor(() => expect(nums(seen)).toEqual([1, 2]));
        await fx.instance.append(stream, numbered(3, 2), { expectedVersion: 3 });
        await fx.instance.append(stream, numbered(5, 1), { expectedVersion: 5 });
        await vi.waitFor(() => expect(nums(seen)).toEqual([1, 2, 3, 4, 5]));
        expect(seen.map((e) => e.version)).toEqual([2, 3, 4, 5, 6]);
      } finally {
        unsubscribe();
      }
    },
  );

  test(
    'subscribe-from-start',
    'a subscriber with no position starts at the beginning',
    async () => {
      const stream = uniqueKey('es');
      await fx.instance.append(stream, numbered(0, 2), { expectedVersion: 0 });
      const seen: RecordedEvent[] = [];
      const unsubscribe = fx.instance.subscribe((events) => {
        seen.push(...events.filter((e) => e.stream === stream));
      });
      try {
        await vi.waitFor(() => expect(nums(seen)).toEqual([0, 1]));
      } finally {
        unsubscribe();
      }
    },
  );

  test('unsubscribe', 'an unsubscribed listener receives nothing more', async () => {
    const stream = uniqueKey('es');
    const start = await fx.instance.headPosition();
    const gone: RecordedEvent[] = [];
    const kept: RecordedEvent[] = [];
    const unsubscribeGone = fx.instance.subscribe((e) => void gone.push(...e), { after: start });
    const unsubscribeKept = fx.instance.subscribe((e) => void kept.push(...e), { after: start });
    try {
      unsubscribeGone();
      await fx.instance.append(stream, [ev('a')], { expectedVersion: 0 });
      await vi.waitFor(() => expect(kept.some((e) => e.stream === stream)).toBe(true));
      expect(gone).toEqual([]);
    } finally {
      unsubscribeKept();
    }
  });

  test(
    'slow-subscriber',
    'a slow async listener gets its batches one at a time, in order, without gaps',
    async () => {
      const stream = uniqueKey('es');
      const start = await fx.instance.headPosition();
      const seen: RecordedEvent[] = [];
      let inFlight = 0;
      let maxInFlight = 0;
      const unsubscribe = fx.instance.subscribe(
        async (events) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 2));
          seen.push(...events.filter((e) => e.stream === stream));
          inFlight--;
        },
        { after: start },
      );
      try {
        for (let n = 0; n < 30; n += 3) {
          await fx.instance.append(stream, numbered(n, 3), { expectedVersion: n });
        }
        await vi.waitFor(() => expect(seen).toHaveLength(30));
        expect(nums(seen)).toEqual([...Array(30).keys()]);
        expect(maxInFlight).toBe(1);
      } finally {
        unsubscribe();
      }
    },
  );

  test(
    'peer-append-race',
    'two instances racing on one stream version yield exactly one winner',
    async () => {
      const peer = requirePeer(fx.fixture);
      const stream = uniqueKey('es');
      await fx.instance.append(stream, [ev('seed')], { expectedVersion: 0 });
      expect(await peer.readStream(stream)).toHaveLength(1);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? fx.instance : peer).append(stream, [ev('race', { n: i })], {
            expectedVersion: 1,
          }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedVersionError);
      }
      expect(await fx.instance.readStream(stream)).toEqual(await peer.readStream(stream));
      expect(await fx.instance.readStream(stream)).toHaveLength(2);
    },
  );

  test('peer-subscribe', 'a subscriber on one instance sees appends made by another', async () => {
    const peer = requirePeer(fx.fixture);
    const stream = uniqueKey('es');
    const start = await peer.headPosition();
    const seen: RecordedEvent[] = [];
    const unsubscribe = peer.subscribe(
      (events) => void seen.push(...events.filter((e) => e.stream === stream)),
      { after: start },
    );
    try {
      await fx.instance.append(stream, numbered(0, 2), { expectedVersion: 0 });
      await fx.instance.append(stream, numbered(2, 1), { expectedVersion: 2 });
      await vi.waitFor(() => expect(nums(seen)).toEqual([0, 1, 2]));
      expect(await readAllOf([stream], start, 100, peer)).toEqual(seen);
    } finally {
      unsubscribe();
    }
  });
}
