import { describe, expect, vi } from 'vitest';
import type { RuntimeState } from '../../runtime-state.ts';
import {
  type ContractFactory,
  type ContractOptions,
  caseRegistrar,
  requirePeer,
  uniqueKey,
  useFixture,
} from '../contract-kit.ts';

export const runtimeStateCases = [
  'get-missing',
  'set-get',
  'json-values',
  'returns-copies',
  'revision-increases',
  'ttl',
  'set-if-absent',
  'set-if-absent-expired',
  'compare-and-set',
  'compare-and-set-missing',
  'compare-and-set-after-recreate',
  'compare-and-set-expired',
  'concurrent-compare-and-set',
  'delete',
  'subscribe',
  'unsubscribe',
  'peer-visibility',
  'peer-notification',
] as const;
export type RuntimeStateCase = (typeof runtimeStateCases)[number];

/** The RuntimeState port's semantics, run against one adapter. */
export function runtimeStateContract(
  name: string,
  factory: ContractFactory<RuntimeState>,
  options: ContractOptions<RuntimeStateCase> = {},
): void {
  describe(`RuntimeState contract: ${name}`, () => {
    const fx = useFixture(factory);
    const test = caseRegistrar('runtimeStateContract', runtimeStateCases, options);

    test('get-missing', 'get of an unknown key is undefined', async () => {
      expect(await fx.instance.get(uniqueKey('rs'))).toBeUndefined();
    });

    test('set-get', 'set returns the entry and get reads it back', async () => {
      const key = uniqueKey('rs');
      const entry = await fx.instance.set(key, { connected: true });
      expect(entry.value).toEqual({ connected: true });
      expect(entry.expiresAt).toBeNull();
      expect(entry.revision).toBeGreaterThan(0);
      expect(await fx.instance.get(key)).toEqual(entry);
    });

    test('json-values', 'JSON values of every kind round-trip', async () => {
      const values = [0, -1.5, 'text', true, false, null, [1, 'a', null], { a: { b: [1, 2] } }];
      for (const value of values) {
        const key = uniqueKey('rs');
        await fx.instance.set(key, value);
        expect((await fx.instance.get(key))?.value).toEqual(value);
      }
    });

    test(
      'returns-copies',
      'mutating a value after set or get does not change the stored value',
      async () => {
        const key = uniqueKey('rs');
        const value = { list: [1] };
        await fx.instance.set(key, value);
        value.list.push(2);
        const read = await fx.instance.get<{ list: number[] }>(key);
        read?.value.list.push(3);
        expect((await fx.instance.get(key))?.value).toEqual({ list: [1] });
      },
    );

    test('revision-increases', 'every write gets a higher revision', async () => {
      const key = uniqueKey('rs');
      const a = await fx.instance.set(key, 1);
      const b = await fx.instance.set(key, 2);
      const c = await fx.instance.compareAndSet(key, b.revision, 3);
      expect(b.revision).toBeGreaterThan(a.revision);
      expect(c?.revision).toBeGreaterThan(b.revision);
    });

    test('ttl', 'an entry with ttlMs expires when the clock passes expiresAt', async () => {
      const key = uniqueKey('rs');
      const entry = await fx.instance.set(key, 'v', { ttlMs: 1000 });
      expect(entry.expiresAt).toBe(fx.clock.now() + 1000);
      fx.clock.advance(999);
      expect((await fx.instance.get(key))?.value).toBe('v');
      fx.clock.advance(1);
      expect(await fx.instance.get(key)).toBeUndefined();
    });

    test('set-if-absent', 'setIfAbsent writes once and leaves a live entry alone', async () => {
      const key = uniqueKey('rs');
      const first = await fx.instance.setIfAbsent(key, 'first');
      expect(first?.value).toBe('first');
      expect(await fx.instance.setIfAbsent(key, 'second')).toBeUndefined();
      expect(await fx.instance.get(key)).toEqual(first);
    });

    test('set-if-absent-expired', 'setIfAbsent succeeds over an expired entry', async () => {
      const key = uniqueKey('rs');
      const old = await fx.instance.set(key, 'old', { ttlMs: 50 });
      fx.clock.advance(50);
      const fresh = await fx.instance.setIfAbsent(key, 'new');
      expect(fresh?.value).toBe('new');
      expect(fresh?.expiresAt).toBeNull();
      expect(fresh?.revision).toBeGreaterThan(old.revision);
      expect((await fx.instance.get(key))?.value).toBe('new');
    });

    test(
      'compare-and-set',
      'CAS succeeds with the current revision and fails with a stale one',
      async () => {
        const key = uniqueKey('rs');
        const base = await fx.instance.set(key, 'a');
        const won = await fx.instance.compareAndSet(key, base.revision, 'b', { ttlMs: 500 });
        expect(won?.value).toBe('b');
        expect(won?.expiresAt).toBe(fx.clock.now() + 500);
        expect(await fx.instance.compareAndSet(key, base.revision, 'c')).toBeUndefined();
        expect(await fx.instance.get(key)).toEqual(won);
      },
    );

    test('compare-and-set-missing', 'CAS on a missing key fails and creates nothing', async () => {
      const key = uniqueKey('rs');
      expect(await fx.instance.compareAndSet(key, 1, 'x')).toBeUndefined();
      expect(await fx.instance.get(key)).toBeUndefined();
    });

    test(
      'compare-and-set-after-recreate',
      'a revision from before delete+recreate is stale',
      async () => {
        const key = uniqueKey('rs');
        const before = await fx.instance.set(key, 'a');
        await fx.instance.delete(key);
        const recreated = await fx.instance.set(key, 'b');
        expect(recreated.revision).not.toBe(before.revision);
        expect(await fx.instance.compareAndSet(key, before.revision, 'c')).toBeUndefined();
        expect((await fx.instance.get(key))?.value).toBe('b');
      },
    );

    test(
      'compare-and-set-expired',
      'CAS on an expired entry fails even with its revision',
      async () => {
        const key = uniqueKey('rs');
        const entry = await fx.instance.set(key, 'a', { ttlMs: 10 });
        fx.clock.advance(10);
        expect(await fx.instance.compareAndSet(key, entry.revision, 'b')).toBeUndefined();
        expect(await fx.instance.get(key)).toBeUndefined();
      },
    );

    test(
      'concurrent-compare-and-set',
      'of N concurrent CAS on one revision exactly one wins',
      async () => {
        const key = uniqueKey('rs');
        const base = await fx.instance.set(key, 0);
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            fx.instance.compareAndSet(key, base.revision, i + 1),
          ),
        );
        const winners = results.filter((r) => r !== undefined);
        expect(winners).toHaveLength(1);
        expect((await fx.instance.get(key))?.value).toBe(winners[0]?.value);
      },
    );

    test('delete', 'delete reports whether an entry existed', async () => {
      const key = uniqueKey('rs');
      await fx.instance.set(key, 1);
      expect(await fx.instance.delete(key)).toBe(true);
      expect(await fx.instance.get(key)).toBeUndefined();
      expect(await fx.instance.delete(key)).toBe(false);
    });

    test('subscribe', 'listeners hear set, setIfAbsent, compareAndSet and delete', async () => {
      const seen: string[] = [];
      const unsubscribe = fx.instance.subscribe((key) => seen.push(key));
      try {
        const keys = [uniqueKey('rs'), uniqueKey('rs'), uniqueKey('rs'), uniqueKey('rs')] as const;
        await fx.instance.set(keys[0], 1);
        await fx.instance.setIfAbsent(keys[1], 1);
        const base = await fx.instance.set(keys[2], 1);
        await fx.instance.compareAndSet(keys[2], base.revision, 2);
        await fx.instance.set(keys[3], 1);
        await fx.instance.delete(keys[3]);
        await vi.waitFor(() => {
          expect(seen.filter((k) => k === keys[0])).toHaveLength(1);
          expect(seen.filter((k) => k === keys[1])).toHaveLength(1);
          expect(seen.filter((k) => k === keys[2])).toHaveLength(2);
          expect(seen.filter((k) => k === keys[3])).toHaveLength(2);
        });
      } finally {
        unsubscribe();
      }
    });

    test('unsubscribe', 'an unsubscribed listener hears nothing more', async () => {
      const gone: string[] = [];
      const kept: string[] = [];
      const unsubscribeGone = fx.instance.subscribe((key) => gone.push(key));
      const unsubscribeKept = fx.instance.subscribe((key) => kept.push(key));
      try {
        unsubscribeGone();
        const key = uniqueKey('rs');
        await fx.instance.set(key, 1);
        // Delivery may be asynchronous: wait until the kept listener heard it.
        await vi.waitFor(() => expect(kept).toContain(key));
        expect(gone).toEqual([]);
      } finally {
        unsubscribeKept();
      }
    });

    test('peer-visibility', 'a write on one instance is read by another at once', async () => {
      const peer = requirePeer(fx.fixture);
      const key = uniqueKey('rs');
      const entry = await fx.instance.set(key, { flag: true });
      expect(await peer.get(key)).toEqual(entry);
      expect(await peer.compareAndSet(key, entry.revision, { flag: false })).toBeDefined();
      expect(await fx.instance.compareAndSet(key, entry.revision, { flag: true })).toBeUndefined();
    });

    test(
      'peer-notification',
      'a listener on one instance hears writes made by another',
      async () => {
        const peer = requirePeer(fx.fixture);
        const seen: string[] = [];
        const unsubscribe = peer.subscribe((key) => seen.push(key));
        try {
          const key = uniqueKey('rs');
          await fx.instance.set(key, 1);
          await vi.waitFor(() => expect(seen).toContain(key));
        } finally {
          unsubscribe();
        }
      },
    );
  });
}
