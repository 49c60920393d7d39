import { createPostgresAdapterSet, type PostgresAdapterSet } from '@bangui/adapters-postgres';
import { createManualClock } from '@bangui/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTickRunner } from '../../src/jobs/tick-runner.ts';
import type { Logger } from '../../src/logger.ts';
import { freshDatabase } from '../helpers/postgres.ts';

const silent: Logger = { info: () => {}, error: () => {} };
const clock = createManualClock(Date.UTC(2026, 0, 1));
// Four "workers": four adapter sets on one database, as four processes would open them.
let workers: PostgresAdapterSet[] = [];

beforeAll(async () => {
  const url = await freshDatabase();
  workers = await Promise.all(
    [1, 2, 3, 4].map(() => createPostgresAdapterSet({ url, clock, max: 2 })),
  );
});
afterAll(() => Promise.all(workers.map((w) => w.close())));

describe('jobs shared by 4 workers through PostgreSQL', () => {
  it('over 50 ticks, every tick runs exactly once', async () => {
    const runs: Array<{ worker: number; tick: number }> = [];
    const runners = workers.map((set, worker) =>
      createTickRunner({
        name: 'fifty-ticks',
        leases: set.leases,
        owner: `worker-${worker}`,
        logger: silent,
        run: ({ scheduledFor }) => {
          runs.push({ worker, tick: scheduledFor });
        },
      }),
    );
    const ticks = Array.from({ length: 50 }, (_, i) => Date.UTC(2026, 0, 1) + i * 5_000);
    for (const tick of ticks) await Promise.all(runners.map((runner) => runner.tick(tick)));
    expect(runs.map((run) => run.tick).sort((a, b) => a - b)).toEqual(ticks);
    // Not a fairness claim, only that the claim really is contended: more than one worker won.
    expect(new Set(runs.map((run) => run.worker)).size).toBeGreaterThan(1);
  });

  it('a dead holder loses its lease after expiry; the newer token outranks it', async () => {
    const [a, b] = workers as [PostgresAdapterSet, PostgresAdapterSet];
    const held = await a.leases.tryAcquire('long-job', 'worker-a', 10_000);
    expect(held).toBeDefined();
    expect(await b.leases.tryAcquire('long-job', 'worker-b', 10_000)).toBeUndefined();
    clock.advance(10_000); // worker A was killed: no renewal
    const taken = await b.leases.tryAcquire('long-job', 'worker-b', 10_000);
    expect(taken?.token).toBeGreaterThan(held?.token ?? Number.POSITIVE_INFINITY);
    // The old holder coming back finds it cannot renew, so it must stop writing.
    expect(held && (await a.leases.renew(held, 10_000))).toBeUndefined();
  });
});
