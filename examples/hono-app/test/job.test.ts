import { createMemoryAdapterSet } from '@bangui/adapters-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { startTickJob } from '../src/job.ts';
import { type RunningExample, startExample } from '../src/start.ts';
import { testConfig } from './helpers.ts';

interface Attempt {
  owner: string;
  scheduledFor: number;
  claimed: boolean;
}

/** Groups attempts by tick: every tick must have exactly one winner. */
function winnersPerTick(attempts: Attempt[]): Map<number, string[]> {
  const ticks = new Map<number, string[]>();
  for (const a of attempts) {
    const winners = ticks.get(a.scheduledFor) ?? [];
    if (a.claimed) winners.push(a.owner);
    ticks.set(a.scheduledFor, winners);
  }
  return ticks;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Ticks both owners attempted (the ones where the claim, not luck, kept it single). */
const contested = (attempts: Attempt[], owners: string[]): number[] =>
  [...new Set(attempts.map((a) => a.scheduledFor))].filter((tick) =>
    owners.every((o) => attempts.some((a) => a.scheduledFor === tick && a.owner === o)),
  );

describe('the scheduled job', () => {
  const running: RunningExample[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
  });

  it('two app instances on one PostgreSQL database: each tick is claimed exactly once', async () => {
    const config = await testConfig('postgres', { workers: 2 });
    const attempts: Attempt[] = [];
    for (let i = 0; i < 2; i++) {
      const instance: RunningExample = await startExample(config, {
        jobPattern: '* * * * * *',
        onTick: (tick) => attempts.push({ owner: instance.owner, ...tick }),
      });
      running.push(instance);
    }
    const owners = running.map((r) => r.owner);
    await waitFor(() => contested(attempts, owners).length >= 3, 15_000);

    const ticks = contested(attempts, owners);
    const winners = winnersPerTick(attempts);
    for (const tick of ticks) expect(winners.get(tick)).toHaveLength(1);
    // Every tick attempted at all has exactly one winner (the first claim always wins).
    for (const [, w] of winners) expect(w).toHaveLength(1);
    // The job's work is visible from both instances.
    const heartbeat = await running[1]?.adapters.runtimeState.get<{ owner: string }>(
      'example:heartbeat',
    );
    expect(owners).toContain(heartbeat?.value.owner);
  });

  it('memory adapters: two jobs in one process claim each tick once', async () => {
    const adapters = createMemoryAdapterSet();
    const attempts: Attempt[] = [];
    const jobs = ['a', 'b'].map((owner) =>
      startTickJob({
        name: 'heartbeat',
        pattern: '* * * * * *',
        leases: adapters.leases,
        owner,
        run: () => {},
        onTick: (tick) => attempts.push({ owner, ...tick }),
      }),
    );
    try {
      await waitFor(() => contested(attempts, ['a', 'b']).length >= 2, 10_000);
    } finally {
      await Promise.all(jobs.map((j) => j.stop()));
      await adapters.close();
    }
    const winners = winnersPerTick(attempts);
    for (const tick of contested(attempts, ['a', 'b'])) expect(winners.get(tick)).toHaveLength(1);
  });
});
