import { createManualClock } from '@bangui/core';
import { uniqueKey } from '@bangui/core/testing';
import { afterEach, expect, inject, it } from 'vitest';
import { createPostgresAdapterSet, type PostgresAdapterSet } from '../src/postgres-adapter-set.ts';

const opened: PostgresAdapterSet[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((set) => set.close()));
});

it('100 parallel consumes from two instances against a limit of 5 allow exactly 5', async () => {
  const url = inject('databaseUrl');
  // One fixed clock for both instances: with each call reading its own wall time,
  // 'remaining' depends on how the calls' times interleave with their commit order.
  const clock = createManualClock();
  for (let i = 0; i < 2; i++) opened.push(await createPostgresAdapterSet({ url, max: 10, clock }));
  const [a, b] = opened as [PostgresAdapterSet, PostgresAdapterSet];
  const key = uniqueKey('login');
  const policy = { limit: 5, windowMs: 60_000 };
  const decisions = await Promise.all(
    Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).rateLimiter.consume(key, policy)),
  );
  const allowed = decisions.filter((d) => d.allowed);
  expect(allowed).toHaveLength(5);
  expect(allowed.map((d) => d.remaining).sort()).toEqual([0, 1, 2, 3, 4]);
  expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterMs > 0)).toBe(true);
});
