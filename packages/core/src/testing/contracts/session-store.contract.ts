import { describe, expect } from 'vitest';
import type { SessionRecord, SessionStore } from '../../session-store.ts';
import {
  type ContractFactory,
  type ContractOptions,
  caseRegistrar,
  requirePeer,
  uniqueKey,
  useFixture,
} from '../contract-kit.ts';

export const sessionStoreCases = [
  'create-get',
  'get-missing',
  'returns-copies',
  'touch',
  'touch-missing',
  'delete',
  'list-by-user',
  'delete-by-user',
  'peer-visibility',
] as const;
export type SessionStoreCase = (typeof sessionStoreCases)[number];

/** The SessionStore port's semantics, run against one adapter. */
export function sessionStoreContract(
  name: string,
  factory: ContractFactory<SessionStore>,
  options: ContractOptions<SessionStoreCase> = {},
): void {
  describe(`SessionStore contract: ${name}`, () => {
    const fx = useFixture(factory);
    const test = caseRegistrar('sessionStoreContract', sessionStoreCases, options);

    function record(userId: string, data?: Record<string, unknown>): SessionRecord {
      const now = fx.clock.now();
      return {
        id: uniqueKey('s'),
        secretHash: 'ab'.repeat(32),
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: now + 3_600_000,
        ...(data ? { data } : {}),
      };
    }

    test('create-get', 'a created record reads back equal, data included', async () => {
      const r = record(uniqueKey('u'), { ip: '192.0.2.1', roles: ['admin'] });
      await fx.instance.create(r);
      expect(await fx.instance.get(r.id)).toEqual(r);
    });

    test('get-missing', 'get of an unknown id is undefined', async () => {
      expect(await fx.instance.get(uniqueKey('s'))).toBeUndefined();
    });

    test(
      'returns-copies',
      'mutating a record after create or get does not change the stored one',
      async () => {
        const r = record(uniqueKey('u'), { n: 1 });
        const expected = structuredClone(r);
        await fx.instance.create(r);
        r.lastSeenAt = 0;
        const read = await fx.instance.get(r.id);
        if (read?.data) read.data.n = 2;
        expect(await fx.instance.get(r.id)).toEqual(expected);
      },
    );

    test('touch', 'touch updates lastSeenAt and nothing else', async () => {
      const r = record(uniqueKey('u'));
      await fx.instance.create(r);
      await fx.instance.touch(r.id, r.lastSeenAt + 60_000);
      expect(await fx.instance.get(r.id)).toEqual({ ...r, lastSeenAt: r.lastSeenAt + 60_000 });
    });

    test('touch-missing', 'touching an unknown id creates nothing', async () => {
      const id = uniqueKey('s');
      await fx.instance.touch(id, fx.clock.now());
      expect(await fx.instance.get(id)).toBeUndefined();
    });

    test('delete', 'delete reports whether the record existed', async () => {
      const r = record(uniqueKey('u'));
      await fx.instance.create(r);
      expect(await fx.instance.delete(r.id)).toBe(true);
      expect(await fx.instance.get(r.id)).toBeUndefined();
      expect(await fx.instance.delete(r.id)).toBe(false);
    });

    test('list-by-user', "listByUser returns exactly that user's records", async () => {
      const alice = uniqueKey('u');
      const bob = uniqueKey('u');
      const mine = [record(alice), record(alice)];
      for (const r of [...mine, record(bob)]) await fx.instance.create(r);
      const listed = await fx.instance.listByUser(alice);
      expect(listed.map((r) => r.id).sort()).toEqual(mine.map((r) => r.id).sort());
      expect(await fx.instance.listByUser(uniqueKey('u'))).toEqual([]);
    });

    test(
      'delete-by-user',
      "deleteByUser removes only that user's records and counts them",
      async () => {
        const alice = uniqueKey('u');
        const bob = uniqueKey('u');
        const bobs = record(bob);
        for (const r of [record(alice), record(alice), record(alice), bobs])
          await fx.instance.create(r);
        expect(await fx.instance.deleteByUser(alice)).toBe(3);
        expect(await fx.instance.listByUser(alice)).toEqual([]);
        expect(await fx.instance.get(bobs.id)).toEqual(bobs);
        expect(await fx.instance.deleteByUser(alice)).toBe(0);
      },
    );

    test(
      'peer-visibility',
      'a session created on one instance is valid on another, and revocation is seen at once',
      async () => {
        const peer = requirePeer(fx.fixture);
        const r = record(uniqueKey('u'));
        await fx.instance.create(r);
        expect(await peer.get(r.id)).toEqual(r);
        expect(await peer.deleteByUser(r.userId)).toBe(1);
        expect(await fx.instance.get(r.id)).toBeUndefined();
      },
    );
  });
}
