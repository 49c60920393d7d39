import { createMemoryLeases } from '@bangui/adapters-memory';
import { describe, expect, it, vi } from 'vitest';
import { scheduleJob } from '../../src/jobs/schedule-job.ts';
import type { Logger } from '../../src/logger.ts';

const silent: Logger = { info: () => {}, error: () => {} };

describe('scheduleJob (real croner timers)', () => {
  it('two workers with one shared Leases: every interval tick runs exactly once', async () => {
    const leases = createMemoryLeases();
    const runs: Array<{ owner: string; tick: number }> = [];
    const start = (owner: string) =>
      scheduleJob({
        name: 'poll',
        intervalSeconds: 1,
        leases,
        owner,
        logger: silent,
        run: ({ scheduledFor }) => {
          runs.push({ owner, tick: scheduledFor });
        },
      });
    const jobs = [start('a'), start('b')];
    try {
      await vi.waitFor(() => expect(runs.length).toBeGreaterThanOrEqual(3), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      await Promise.all(jobs.map((job) => job.stop()));
    }
    const ticks = runs.map((r) => r.tick);
    expect(new Set(ticks).size).toBe(ticks.length);
    // Epoch-aligned slots: every worker computes the same tick identities.
    expect(ticks.every((t) => t % 1000 === 0)).toBe(true);
  });

  it('a six-field pattern runs once per second across two workers', async () => {
    const leases = createMemoryLeases();
    const ticks: number[] = [];
    const start = (owner: string) =>
      scheduleJob({
        name: 'cron',
        pattern: '* * * * * *',
        leases,
        owner,
        logger: silent,
        run: ({ scheduledFor }) => {
          ticks.push(scheduledFor);
        },
      });
    const jobs = [start('a'), start('b')];
    try {
      await vi.waitFor(() => expect(ticks.length).toBeGreaterThanOrEqual(2), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      await Promise.all(jobs.map((job) => job.stop()));
    }
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it('refuses an interval that is not a positive whole number of seconds', () => {
    const leases = createMemoryLeases();
    expect(() =>
      scheduleJob({
        name: 'bad',
        intervalSeconds: 0.5,
        leases,
        owner: 'a',
        logger: silent,
        run: () => {},
      }),
    ).toThrow(RangeError);
  });
});
