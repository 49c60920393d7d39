import { describe, expect } from 'vitest';
import type { Lease, Leases } from '../../leases.ts';
import {
  type ContractFactory,
  type ContractOptions,
  caseRegistrar,
  requirePeer,
  uniqueKey,
  useFixture,
} from '../contract-kit.ts';

export const leasesCases = [
  'acquire',
  'held-refused-until-expiry',
  'reacquire-own',
  'tokens-increase',
  'renew',
  'renew-after-loss',
  'release',
  'release-stale',
  'independent-names',
  'concurrent-acquire',
  'claim-tick-once',
  'claim-tick-late-duplicate',
  'claim-tick-independent',
  'peer-exclusion',
  'peer-claim-tick',
] as const;
export type LeasesCase = (typeof leasesCases)[number];

const TTL = 10_000;

function must(lease: Lease | undefined): Lease {
  if (!lease) throw new Error('expected a lease, got undefined');
  return lease;
}

/** The Leases port's semantics (see leases.ts), run against one adapter. */
export function leasesContract(
  name: string,
  factory: ContractFactory<Leases>,
  options: ContractOptions<LeasesCase> = {},
): void {
  describe(`Leases contract: ${name}`, () => {
    const fx = useFixture(factory);
    const test = caseRegistrar('leasesContract', leasesCases, options);

    test(
      'acquire',
      'a free lease is taken with a positive token and expiresAt = now + ttl',
      async () => {
        const leaseName = uniqueKey('lease');
        const lease = must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
        expect(lease.name).toBe(leaseName);
        expect(lease.owner).toBe('a');
        expect(lease.token).toBeGreaterThan(0);
        expect(lease.expiresAt).toBe(fx.clock.now() + TTL);
      },
    );

    test(
      'held-refused-until-expiry',
      'another owner is refused while the lease is live and takes it once it expired',
      async () => {
        const leaseName = uniqueKey('lease');
        must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
        expect(await fx.instance.tryAcquire(leaseName, 'b', TTL)).toBeUndefined();
        fx.clock.advance(TTL - 1);
        expect(await fx.instance.tryAcquire(leaseName, 'b', TTL)).toBeUndefined();
        fx.clock.advance(1);
        const taken = must(await fx.instance.tryAcquire(leaseName, 'b', TTL));
        expect(taken.owner).toBe('b');
        expect(await fx.instance.tryAcquire(leaseName, 'a', TTL)).toBeUndefined();
      },
    );

    test(
      'reacquire-own',
      'the holder acquiring again keeps the lease, extended, with a token not lower',
      async () => {
        const leaseName = uniqueKey('lease');
        const first = must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
        fx.clock.advance(TTL / 2);
        const again = must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
        expect(again.owner).toBe('a');
        expect(again.token).toBeGreaterThanOrEqual(first.token);
        expect(again.expiresAt).toBe(fx.clock.now() + TTL);
        fx.clock.advance(TTL - 1);
        expect(await fx.instance.tryAcquire(leaseName, 'b', TTL)).toBeUndefined();
      },
    );

    test(
      'tokens-increase',
      'tokens strictly increase across acquisitions: after release and after expiry takeover',
      async () => {
        const leaseName = uniqueKey('lease');
        const t1 = must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
        await fx.instance.release(t1);
        const t2 = must(await fx.instance.tryAcquire(leaseName, 'b', TTL));
        fx.clock.advance(TTL);
        const t3 = must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
        fx.clock.advance(TTL);
        const t4 = must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
        expect(t2.token).toBeGreaterThan(t1.token);
        expect(t3.token).toBeGreaterThan(t2.token);
        expect(t4.token).toBeGreaterThan(t3.token);
      },
    );

    test('renew', 'renew extends the live lease and keeps its token', async () => {
      const leaseName = uniqueKey('lease');
      const lease = must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
      fx.clock.advance(TTL - 1);
      const renewed = must(await fx.instance.renew(lease, TTL));
      expect(renewed.token).toBe(lease.token);
      expect(renewed.owner).toBe('a');
      expect(renewed.expiresAt).toBe(fx.clock.now() + TTL);
      fx.clock.advance(TTL - 1);
      expect(await fx.instance.tryAcquire(leaseName, 'b', TTL)).toBeUndefined();
    });

    test(
      'renew-after-loss',
      'renew fails once the lease expired and was taken, or was released',
      async () => {
        const leaseName = uniqueKey('lease');
        const lost = must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
        fx.clock.advance(TTL);
        const winner = must(await fx.instance.tryAcquire(leaseName, 'b', TTL));
        expect(await fx.instance.renew(lost, TTL)).toBeUndefined();
        // The failed renew must not have disturbed the new holder.
        expect(await fx.instance.tryAcquire(leaseName, 'a', TTL)).toBeUndefined();
        await fx.instance.release(winner);
        expect(await fx.instance.renew(winner, TTL)).toBeUndefined();
      },
    );

    test('release', 'after release another owner acquires at once', async () => {
      const leaseName = uniqueKey('lease');
      const lease = must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
      await fx.instance.release(lease);
      expect((await fx.instance.tryAcquire(leaseName, 'b', TTL))?.owner).toBe('b');
    });

    test(
      'release-stale',
      'releasing a lease that was lost leaves the new holder in place',
      async () => {
        const leaseName = uniqueKey('lease');
        const stale = must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
        fx.clock.advance(TTL);
        must(await fx.instance.tryAcquire(leaseName, 'b', TTL));
        await fx.instance.release(stale);
        expect(await fx.instance.tryAcquire(leaseName, 'c', TTL)).toBeUndefined();
      },
    );

    test('independent-names', 'different lease names do not block each other', async () => {
      const one = uniqueKey('lease');
      const two = uniqueKey('lease');
      must(await fx.instance.tryAcquire(one, 'a', TTL));
      expect((await fx.instance.tryAcquire(two, 'b', TTL))?.owner).toBe('b');
    });

    test(
      'concurrent-acquire',
      'of many owners racing for a free lease exactly one wins',
      async () => {
        const leaseName = uniqueKey('lease');
        const results = await Promise.all(
          Array.from({ length: 16 }, (_, i) => fx.instance.tryAcquire(leaseName, `w${i}`, TTL)),
        );
        expect(results.filter((r) => r !== undefined)).toHaveLength(1);
      },
    );

    test(
      'claim-tick-once',
      'of N concurrent claims of one tick exactly one wins; a later claim loses too',
      async () => {
        const job = uniqueKey('job');
        const tick = fx.clock.now();
        const results = await Promise.all(
          Array.from({ length: 16 }, (_, i) => fx.instance.claimTick(job, tick, `w${i}`)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await fx.instance.claimTick(job, tick, 'late')).toBe(false);
      },
    );

    test(
      'claim-tick-late-duplicate',
      'a worker that reaches an old tick a minute late still loses',
      async () => {
        const job = uniqueKey('job');
        const tick = fx.clock.now();
        expect(await fx.instance.claimTick(job, tick, 'a')).toBe(true);
        fx.clock.advance(60_000);
        expect(await fx.instance.claimTick(job, tick, 'b')).toBe(false);
      },
    );

    test(
      'claim-tick-independent',
      'different ticks and different jobs are claimed independently',
      async () => {
        const job = uniqueKey('job');
        const other = uniqueKey('job');
        const tick = fx.clock.now();
        expect(await fx.instance.claimTick(job, tick, 'a')).toBe(true);
        expect(await fx.instance.claimTick(job, tick + 1000, 'a')).toBe(true);
        expect(await fx.instance.claimTick(other, tick, 'b')).toBe(true);
        expect(await fx.instance.claimTick(job, tick, 'b')).toBe(false);
      },
    );

    test(
      'peer-exclusion',
      'a lease held through one instance is refused through another',
      async () => {
        const peer = requirePeer(fx.fixture);
        const leaseName = uniqueKey('lease');
        const lease = must(await fx.instance.tryAcquire(leaseName, 'a', TTL));
        expect(await peer.tryAcquire(leaseName, 'b', TTL)).toBeUndefined();
        await fx.instance.release(lease);
        const taken = must(await peer.tryAcquire(leaseName, 'b', TTL));
        expect(taken.token).toBeGreaterThan(lease.token);
      },
    );

    test(
      'peer-claim-tick',
      'two instances racing for the same ticks: one winner each',
      async () => {
        const peer = requirePeer(fx.fixture);
        const job = uniqueKey('job');
        const base = fx.clock.now();
        for (let i = 0; i < 10; i++) {
          const tick = base + i * 1000;
          const results = await Promise.all([
            fx.instance.claimTick(job, tick, 'a'),
            peer.claimTick(job, tick, 'b'),
            fx.instance.claimTick(job, tick, 'c'),
            peer.claimTick(job, tick, 'd'),
          ]);
          expect(results.filter(Boolean)).toHaveLength(1);
        }
      },
    );
  });
}
