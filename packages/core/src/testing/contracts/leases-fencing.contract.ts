import { describe, expect } from 'vitest';
import { FencedOutError } from '../../fenced-out-error.ts';
import { type FencedValue, fencedWrite } from '../../fenced-write.ts';
import type { Lease, Leases } from '../../leases.ts';
import type { RuntimeState } from '../../runtime-state.ts';
import {
  type ContractContext,
  type ContractFactory,
  type ContractFixture,
  type ContractOptions,
  caseRegistrar,
  requirePeer,
  uniqueKey,
  useFixture,
} from '../contract-kit.ts';

export const leasesFencingCases = [
  'first-write',
  'holder-rewrites',
  'late-write-fenced',
  'fence-raised-by-first-write',
  'concurrent-same-token',
  'race-with-new-holder',
  'peer-late-write-fenced',
] as const;
export type LeasesFencingCase = (typeof leasesFencingCases)[number];

/** Leases and RuntimeState of one backend, as one worker sees them. */
export interface FencingPorts {
  leases: Leases;
  runtimeState: RuntimeState;
}

/** Both factories must open the same backend; the contract hands them the same clock. */
export interface FencingFactories {
  leases: ContractFactory<Leases>;
  runtimeState: ContractFactory<RuntimeState>;
}

const TTL = 10_000;

function must(lease: Lease | undefined): Lease {
  if (!lease) throw new Error('expected a lease, got undefined');
  return lease;
}

/** Pairs the two fixtures; peers only when both ports have one. */
function combine(factories: FencingFactories): ContractFactory<FencingPorts> {
  return async (context: ContractContext): Promise<ContractFixture<FencingPorts>> => {
    const leases = await factories.leases(context);
    let state: ContractFixture<RuntimeState>;
    try {
      state = await factories.runtimeState(context);
    } catch (error) {
      await leases.close?.();
      throw error;
    }
    return {
      instance: { leases: leases.instance, runtimeState: state.instance },
      peer:
        leases.peer && state.peer ? { leases: leases.peer, runtimeState: state.peer } : undefined,
      close: async () => {
        await Promise.all([leases.close?.(), state.close?.()]);
      },
    };
  };
}

async function stored(state: RuntimeState, key: string): Promise<FencedValue<unknown> | undefined> {
  return (await state.get<FencedValue<unknown>>(key))?.value;
}

/**
 * Fencing tokens end to end: a lease from the Leases port, writes through
 * fencedWrite on the RuntimeState port of the same backend. The point is the
 * late writer: a holder whose lease expired and was taken over must not
 * overwrite what the new holder wrote, however late it wakes up.
 */
export function leasesFencingContract(
  name: string,
  factories: FencingFactories,
  options: ContractOptions<LeasesFencingCase> = {},
): void {
  describe(`Leases fencing contract: ${name}`, () => {
    const fx = useFixture(combine(factories));
    const test = caseRegistrar('leasesFencingContract', leasesFencingCases, options);

    test(
      'first-write',
      'a fenced write stores the value, the token and the lease name',
      async () => {
        const { leases, runtimeState } = fx.instance;
        const leaseName = uniqueKey('lease');
        const key = uniqueKey('fenced');
        const lease = must(await leases.tryAcquire(leaseName, 'a', TTL));
        const entry = await fencedWrite(runtimeState, key, { cursor: 1 }, lease);
        expect(entry.value).toEqual({
          value: { cursor: 1 },
          fencingToken: lease.token,
          lease: leaseName,
        });
        expect(await stored(runtimeState, key)).toEqual(entry.value);
      },
    );

    test('holder-rewrites', 'the holder writes again and again under the same token', async () => {
      const { leases, runtimeState } = fx.instance;
      const key = uniqueKey('fenced');
      const lease = must(await leases.tryAcquire(uniqueKey('lease'), 'a', TTL));
      const first = await fencedWrite(runtimeState, key, 1, lease);
      const second = await fencedWrite(runtimeState, key, 2, lease);
      expect(second.revision).toBeGreaterThan(first.revision);
      expect((await stored(runtimeState, key))?.value).toBe(2);
    });

    test(
      'late-write-fenced',
      'A writes, expires, B takes over and writes; A wakes late: refused, B survives, A cannot renew',
      async () => {
        const { leases, runtimeState } = fx.instance;
        const leaseName = uniqueKey('lease');
        const key = uniqueKey('fenced');
        const a = must(await leases.tryAcquire(leaseName, 'a', TTL));
        await fencedWrite(runtimeState, key, 'from a', a);
        fx.clock.advance(TTL);
        const b = must(await leases.tryAcquire(leaseName, 'b', TTL));
        expect(b.token).toBeGreaterThan(a.token);
        await fencedWrite(runtimeState, key, 'from b', b);

        const late = fencedWrite(runtimeState, key, 'late from a', a);
        await expect(late).rejects.toBeInstanceOf(FencedOutError);
        await expect(late).rejects.toMatchObject({
          key,
          lease: leaseName,
          writerToken: a.token,
          fencingToken: b.token,
        });
        expect(await stored(runtimeState, key)).toEqual({
          value: 'from b',
          fencingToken: b.token,
          lease: leaseName,
        });
        expect(await leases.renew(a, TTL)).toBeUndefined();
        // B's lease is untouched by A's attempts.
        expect(await leases.tryAcquire(leaseName, 'a', TTL)).toBeUndefined();
        expect(await leases.renew(b, TTL)).toBeDefined();
      },
    );

    test(
      'fence-raised-by-first-write',
      "the fence knows only written tokens: A's late write lands until B's first write, then never",
      async () => {
        const { leases, runtimeState } = fx.instance;
        const leaseName = uniqueKey('lease');
        const key = uniqueKey('fenced');
        const a = must(await leases.tryAcquire(leaseName, 'a', TTL));
        fx.clock.advance(TTL);
        const b = must(await leases.tryAcquire(leaseName, 'b', TTL));
        // Documented limit: the storage has not yet seen B's token.
        await fencedWrite(runtimeState, key, 'late from a', a);
        await fencedWrite(runtimeState, key, 'from b', b);
        await expect(fencedWrite(runtimeState, key, 'later from a', a)).rejects.toBeInstanceOf(
          FencedOutError,
        );
        expect((await stored(runtimeState, key))?.value).toBe('from b');
      },
    );

    test(
      'concurrent-same-token',
      'concurrent writers under one token all succeed (lost compare-and-sets are retried)',
      async () => {
        const { leases, runtimeState } = fx.instance;
        const key = uniqueKey('fenced');
        const lease = must(await leases.tryAcquire(uniqueKey('lease'), 'a', TTL));
        const values = Array.from({ length: 12 }, (_, i) => i);
        const entries = await Promise.all(
          values.map((v) => fencedWrite(runtimeState, key, v, lease)),
        );
        // Every write committed under its own revision, none overwrote unseen.
        expect(new Set(entries.map((e) => e.revision)).size).toBe(values.length);
        const last = entries.reduce((x, y) => (y.revision > x.revision ? y : x));
        expect(await stored(runtimeState, key)).toEqual(last.value);
      },
    );

    test(
      'race-with-new-holder',
      "old and new holder writing concurrently: the new holder's write is last, the old one's are refused or earlier",
      async () => {
        const { leases, runtimeState } = fx.instance;
        const leaseName = uniqueKey('lease');
        const key = uniqueKey('fenced');
        const a = must(await leases.tryAcquire(leaseName, 'a', TTL));
        await fencedWrite(runtimeState, key, 'a0', a);
        fx.clock.advance(TTL);
        const b = must(await leases.tryAcquire(leaseName, 'b', TTL));
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => [
            fencedWrite(runtimeState, key, `a${i + 1}`, a),
            fencedWrite(runtimeState, key, `b${i}`, b),
          ]).flat(),
        );
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(FencedOutError);
        }
        const bRevisions = results
          .filter((_, i) => i % 2 === 1)
          .map((r) => (r.status === 'fulfilled' ? r.value.revision : Number.NaN));
        expect(bRevisions.every(Number.isFinite)).toBe(true);
        // No write of A may land after any write of B.
        const firstB = Math.min(...bRevisions);
        for (const [i, r] of results.entries()) {
          if (i % 2 === 0 && r.status === 'fulfilled')
            expect(r.value.revision).toBeLessThan(firstB);
        }
        expect((await stored(runtimeState, key))?.fencingToken).toBe(b.token);
      },
    );

    test(
      'peer-late-write-fenced',
      'A on one worker, B on another: A wakes late after B wrote through its own instance and is refused',
      async () => {
        const here = fx.instance;
        const there = requirePeer(fx.fixture);
        const leaseName = uniqueKey('lease');
        const key = uniqueKey('fenced');
        const a = must(await here.leases.tryAcquire(leaseName, 'a', TTL));
        await fencedWrite(here.runtimeState, key, 'from a', a);
        fx.clock.advance(TTL);
        const b = must(await there.leases.tryAcquire(leaseName, 'b', TTL));
        expect(b.token).toBeGreaterThan(a.token);
        await fencedWrite(there.runtimeState, key, 'from b', b);

        await expect(fencedWrite(here.runtimeState, key, 'late from a', a)).rejects.toBeInstanceOf(
          FencedOutError,
        );
        expect((await stored(here.runtimeState, key))?.value).toBe('from b');
        expect((await stored(there.runtimeState, key))?.value).toBe('from b');
        expect(await here.leases.renew(a, TTL)).toBeUndefined();
      },
    );
  });
}
