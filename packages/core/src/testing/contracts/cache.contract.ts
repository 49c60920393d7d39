import { describe, expect } from 'vitest';
import type { Cache } from '../../cache.ts';
import {
  type ContractFactory,
  type ContractOptions,
  caseRegistrar,
  requirePeer,
  uniqueKey,
  useFixture,
} from '../contract-kit.ts';

export const cacheCases = [
  'get-missing',
  'set-get',
  'json-values',
  'returns-copies',
  'overwrite',
  'delete',
  'ttl',
  'overwrite-resets-ttl',
  'no-ttl-persists',
  'peer-visibility',
] as const;
export type CacheCase = (typeof cacheCases)[number];

/** The Cache port's semantics, run against one adapter. */
export function cacheContract(
  name: string,
  factory: ContractFactory<Cache>,
  options: ContractOptions<CacheCase> = {},
): void {
  describe(`Cache contract: ${name}`, () => {
    const fx = useFixture(factory);
    const test = caseRegistrar('cacheContract', cacheCases, options);

    test('get-missing', 'get of an unknown key is undefined', async () => {
      expect(await fx.instance.get(uniqueKey('c'))).toBeUndefined();
    });

    test('set-get', 'set then get returns the value', async () => {
      const key = uniqueKey('c');
      await fx.instance.set(key, { jails: ['sshd'] });
      expect(await fx.instance.get(key)).toEqual({ jails: ['sshd'] });
    });

    test(
      'json-values',
      'JSON values of every kind round-trip (null is a value, not a miss)',
      async () => {
        for (const value of [0, 'x', false, null, [], { nested: { n: 1 } }]) {
          const key = uniqueKey('c');
          await fx.instance.set(key, value);
          expect(await fx.instance.get(key)).toEqual(value);
        }
      },
    );

    test(
      'returns-copies',
      'mutating a value after set or get does not change the cached value',
      async () => {
        const key = uniqueKey('c');
        const value = { n: [1] };
        await fx.instance.set(key, value);
        value.n.push(2);
        (await fx.instance.get<{ n: number[] }>(key))?.n.push(3);
        expect(await fx.instance.get(key)).toEqual({ n: [1] });
      },
    );

    test('overwrite', 'a second set replaces the value', async () => {
      const key = uniqueKey('c');
      await fx.instance.set(key, 1);
      await fx.instance.set(key, 2);
      expect(await fx.instance.get(key)).toBe(2);
    });

    test('delete', 'delete removes the value; deleting a missing key is a no-op', async () => {
      const key = uniqueKey('c');
      await fx.instance.set(key, 1);
      await fx.instance.delete(key);
      expect(await fx.instance.get(key)).toBeUndefined();
      await fx.instance.delete(key);
    });

    test('ttl', 'a value expires when the clock reaches set time + ttlMs', async () => {
      const key = uniqueKey('c');
      await fx.instance.set(key, 'v', 1000);
      fx.clock.advance(999);
      expect(await fx.instance.get(key)).toBe('v');
      fx.clock.advance(1);
      expect(await fx.instance.get(key)).toBeUndefined();
    });

    test(
      'overwrite-resets-ttl',
      'set without ttl over a value with ttl keeps it forever',
      async () => {
        const key = uniqueKey('c');
        await fx.instance.set(key, 'short', 10);
        await fx.instance.set(key, 'long');
        fx.clock.advance(10_000);
        expect(await fx.instance.get(key)).toBe('long');
      },
    );

    test('no-ttl-persists', 'a value without ttl survives any clock movement', async () => {
      const key = uniqueKey('c');
      await fx.instance.set(key, 'v');
      fx.clock.advance(365 * 24 * 3600 * 1000);
      expect(await fx.instance.get(key)).toBe('v');
    });

    test('peer-visibility', 'a set or delete on one instance is seen by another', async () => {
      const peer = requirePeer(fx.fixture);
      const key = uniqueKey('c');
      await fx.instance.set(key, 'v');
      expect(await peer.get(key)).toBe('v');
      await peer.delete(key);
      expect(await fx.instance.get(key)).toBeUndefined();
    });
  });
}
