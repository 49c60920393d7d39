import { createMemoryLeases } from '@bangui/adapters-memory';
import { describe, expect, it } from 'vitest';
import { createTickRunner } from '../../src/jobs/tick-runner.ts';
import type { Logger } from '../../src/logger.ts';

function capturingLogger(): Logger & { errors: string[]; infos: string[] } {
  const errors: string[] = [];
  const infos: string[] = [];
  return {
    errors,
    infos,
    info: (message) => infos.push(message),
    error: (message) => errors.push(message),
  };
}

describe('tick runner', () => {
  it('two workers sharing one Leases run each tick exactly once', async () => {
    const leases = createMemoryLeases();
    const runs: Array<{ worker: string; tick: number }> = [];
    const worker = (owner: string) =>
      createTickRunner({
        name: 'poll',
        leases,
        owner,
        logger: capturingLogger(),
        run: ({ scheduledFor }) => {
          runs.push({ worker: owner, tick: scheduledFor });
        },
      });
    const a = worker('a');
    const b = worker('b');
    const ticks = [1000, 2000, 3000, 4000, 5000];
    const outcomes = [];
    // Each tick fires on both workers at once, as their timers would.
    for (const t of ticks) outcomes.push(...(await Promise.all([a.tick(t), b.tick(t)])));
    expect(runs.map((r) => r.tick).sort((x, y) => x - y)).toEqual(ticks);
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(ticks.length);
    expect(outcomes.filter((o) => o === 'claimed-elsewhere')).toHaveLength(ticks.length);
  });

  it('skips a tick while the previous run is still in progress, without claiming it', async () => {
    const leases = createMemoryLeases();
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const runner = createTickRunner({
      name: 'slow',
      leases,
      owner: 'a',
      logger: capturingLogger(),
      run: () => blocked,
    });
    const first = runner.tick(1000);
    expect(await runner.tick(2000)).toBe('skipped-overlap');
    release();
    expect(await first).toBe('ran');
    // The skipped tick was left for another worker to claim.
    expect(await leases.claimTick('slow', 2000, 'b')).toBe(true);
    expect(await runner.tick(3000)).toBe('ran');
  });

  it('logs a failing run and keeps going', async () => {
    const logger = capturingLogger();
    let calls = 0;
    const runner = createTickRunner({
      name: 'flaky',
      leases: createMemoryLeases(),
      owner: 'a',
      logger,
      run: () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
    });
    expect(await runner.tick(1000)).toBe('failed');
    expect(logger.errors).toEqual([expect.stringContaining("job 'flaky' failed")]);
    expect(await runner.tick(2000)).toBe('ran');
  });

  it('a lease backend that throws is a failed tick, not a crash', async () => {
    const logger = capturingLogger();
    const runner = createTickRunner({
      name: 'job',
      leases: { claimTick: () => Promise.reject(new Error('database down')) },
      owner: 'a',
      logger,
      run: () => {
        throw new Error('must not run');
      },
    });
    expect(await runner.tick(1000)).toBe('failed');
    expect(logger.errors).toHaveLength(1);
  });
});
