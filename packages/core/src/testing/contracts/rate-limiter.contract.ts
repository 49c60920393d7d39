import { describe, expect } from 'vitest';
import type { RateLimiter, RateLimitPolicy } from '../../rate-limiter.ts';
import {
  type ContractFactory,
  type ContractOptions,
  caseRegistrar,
  requirePeer,
  uniqueKey,
  useFixture,
} from '../contract-kit.ts';

export const rateLimiterCases = [
  'limit-then-deny',
  'remaining-counts-down',
  'retry-after-is-exact',
  'denied-consumes-nothing',
  'window-reset',
  'no-boundary-burst',
  'cost',
  'independent-keys',
  'reset',
  'invalid-arguments',
  'concurrent-consumes',
  'peer-concurrent-consumes',
] as const;
export type RateLimiterCase = (typeof rateLimiterCases)[number];

/** The RateLimiter port's semantics (GCRA; see rate-limiter.ts), run against one adapter. */
export function rateLimiterContract(
  name: string,
  factory: ContractFactory<RateLimiter>,
  options: ContractOptions<RateLimiterCase> = {},
): void {
  describe(`RateLimiter contract: ${name}`, () => {
    const fx = useFixture(factory);
    const test = caseRegistrar('rateLimiterContract', rateLimiterCases, options);
    const policy: RateLimitPolicy = { limit: 5, windowMs: 1000 };
    const interval = policy.windowMs / policy.limit;

    async function exhaust(key: string, p = policy): Promise<void> {
      for (let i = 0; i < p.limit; i++) {
        expect((await fx.instance.consume(key, p)).allowed).toBe(true);
      }
    }

    test(
      'limit-then-deny',
      'allows up to the limit, then denies with retryAfterMs > 0',
      async () => {
        const key = uniqueKey('rl');
        const decisions = [];
        for (let i = 0; i < policy.limit + 1; i++)
          decisions.push(await fx.instance.consume(key, policy));
        expect(
          decisions.slice(0, policy.limit).every((d) => d.allowed && d.retryAfterMs === 0),
        ).toBe(true);
        const denied = decisions[policy.limit];
        expect(denied?.allowed).toBe(false);
        expect(denied?.remaining).toBe(0);
        expect(denied?.retryAfterMs).toBeGreaterThan(0);
      },
    );

    test('remaining-counts-down', 'remaining counts down to 0', async () => {
      const key = uniqueKey('rl');
      const remaining = [];
      for (let i = 0; i < policy.limit; i++)
        remaining.push((await fx.instance.consume(key, policy)).remaining);
      expect(remaining).toEqual([4, 3, 2, 1, 0]);
    });

    test(
      'retry-after-is-exact',
      'a retry just before retryAfterMs is denied, at retryAfterMs allowed',
      async () => {
        const key = uniqueKey('rl');
        await exhaust(key);
        const denied = await fx.instance.consume(key, policy);
        fx.clock.advance(denied.retryAfterMs - 1);
        expect((await fx.instance.consume(key, policy)).allowed).toBe(false);
        fx.clock.advance(1);
        expect((await fx.instance.consume(key, policy)).allowed).toBe(true);
      },
    );

    test(
      'denied-consumes-nothing',
      'repeated denied calls do not push the next allowance back',
      async () => {
        const key = uniqueKey('rl');
        await exhaust(key);
        const first = await fx.instance.consume(key, policy);
        for (let i = 0; i < 10; i++) await fx.instance.consume(key, policy);
        const again = await fx.instance.consume(key, policy);
        expect(again.retryAfterMs).toBe(first.retryAfterMs);
      },
    );

    test('window-reset', 'after windowMs of quiet the full limit is available again', async () => {
      const key = uniqueKey('rl');
      await exhaust(key);
      fx.clock.advance(policy.windowMs);
      await exhaust(key);
      expect((await fx.instance.consume(key, policy)).allowed).toBe(false);
    });

    test(
      'no-boundary-burst',
      'after a burst, at most one unit per windowMs/limit (no 2x burst at a boundary)',
      async () => {
        const key = uniqueKey('rl');
        await exhaust(key);
        for (let step = 0; step < policy.limit * 3; step++) {
          fx.clock.advance(interval);
          expect((await fx.instance.consume(key, policy)).allowed).toBe(true);
          expect((await fx.instance.consume(key, policy)).allowed).toBe(false);
        }
      },
    );

    test('cost', 'cost > 1 takes that many units and is denied when fewer remain', async () => {
      const key = uniqueKey('rl');
      const first = await fx.instance.consume(key, policy, 3);
      expect(first).toMatchObject({ allowed: true, remaining: 2 });
      const second = await fx.instance.consume(key, policy, 3);
      expect(second.allowed).toBe(false);
      expect(second.remaining).toBe(2);
      expect(second.retryAfterMs).toBeGreaterThan(0);
      expect(await fx.instance.consume(key, policy, 2)).toMatchObject({
        allowed: true,
        remaining: 0,
      });
    });

    test('independent-keys', 'exhausting one key leaves another untouched', async () => {
      const a = uniqueKey('rl');
      const b = uniqueKey('rl');
      await exhaust(a);
      expect(await fx.instance.consume(b, policy)).toMatchObject({ allowed: true, remaining: 4 });
      expect((await fx.instance.consume(a, policy)).allowed).toBe(false);
    });

    test('reset', 'reset(key) restores the full limit', async () => {
      const key = uniqueKey('rl');
      await exhaust(key);
      await fx.instance.reset(key);
      await exhaust(key);
      await fx.instance.reset(uniqueKey('rl')); // resetting an unknown key is a no-op
    });

    test(
      'invalid-arguments',
      'cost above the limit or non-positive policies are rejected as RangeError',
      async () => {
        const key = uniqueKey('rl');
        await expect(fx.instance.consume(key, policy, policy.limit + 1)).rejects.toThrow(
          RangeError,
        );
        await expect(fx.instance.consume(key, policy, 0)).rejects.toThrow(RangeError);
        await expect(fx.instance.consume(key, { limit: 0, windowMs: 1000 })).rejects.toThrow(
          RangeError,
        );
        await expect(fx.instance.consume(key, { limit: 5, windowMs: 0 })).rejects.toThrow(
          RangeError,
        );
      },
    );

    test('concurrent-consumes', 'N concurrent consumes with limit L allow exactly L', async () => {
      const key = uniqueKey('rl');
      const p = { limit: 7, windowMs: 60_000 };
      const decisions = await Promise.all(
        Array.from({ length: 25 }, () => fx.instance.consume(key, p)),
      );
      expect(decisions.filter((d) => d.allowed)).toHaveLength(p.limit);
    });

    test(
      'peer-concurrent-consumes',
      'two instances racing on one key allow exactly L together',
      async () => {
        const peer = requirePeer(fx.fixture);
        const key = uniqueKey('rl');
        const p = { limit: 7, windowMs: 60_000 };
        const decisions = await Promise.all(
          Array.from({ length: 24 }, (_, i) => (i % 2 ? peer : fx.instance).consume(key, p)),
        );
        expect(decisions.filter((d) => d.allowed)).toHaveLength(p.limit);
      },
    );
  });
}
