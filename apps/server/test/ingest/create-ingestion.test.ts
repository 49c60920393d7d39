import {
  createMemoryEventStore,
  createMemoryLeases,
  createMemoryRuntimeState,
} from '@bangui/adapters-memory';
import type { BanEntry } from '@bangui/fail2ban';
import { describe, expect, it, vi } from 'vitest';
import { createIngestion } from '../../src/ingest/create-ingestion.ts';
import { activeBansFromLog, banEvents, capturingLogger } from './helpers.ts';

// Unit test with a fake fail2ban: two "workers" share one Leases and one log.
describe('createIngestion scheduling', () => {
  it('polls on its schedule once per tick across workers, and stops', async () => {
    const eventStore = createMemoryEventStore();
    const shared = createMemoryLeases();
    const won: number[] = [];
    const leases = {
      ...shared,
      async claimTick(job: string, scheduledFor: number, owner: string) {
        const ok = await shared.claimTick(job, scheduledFor, owner);
        if (ok && job === 'ingest-poll') won.push(scheduledFor);
        return ok;
      },
    };
    const now = Date.now();
    const bans: BanEntry[] = [
      {
        id: '192.0.2.5',
        startedAt: now,
        bantimeSeconds: 600,
        endsAt: now + 600_000,
        permanent: false,
      },
    ];
    let statusCalls = 0;
    const fail2ban = {
      status: async () => {
        statusCalls++;
        return { jails: ['sshd'] };
      },
      jailStatus: async () => ({ currentlyBanned: bans.length, totalBanned: bans.length }),
      bans: async () => bans,
      request: async () => null,
    };
    const worker = (owner: string) =>
      createIngestion({
        fail2ban,
        eventStore,
        runtimeState: createMemoryRuntimeState(),
        leases,
        activeBans: activeBansFromLog(eventStore),
        logger: capturingLogger(),
        pollIntervalSeconds: 1,
        backfillIntervalSeconds: 3600,
        owner,
      });
    const workers = [worker('a'), worker('b')];
    for (const w of workers) w.start();
    try {
      await vi.waitFor(() => expect(statusCalls).toBeGreaterThanOrEqual(3), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const calls = statusCalls;
    // One poll per won tick, and every tick won once: no tick ran on both workers.
    expect(new Set(won).size).toBe(won.length);
    expect(calls).toBe(won.length);
    expect((await banEvents(eventStore)).map((e) => e.type)).toEqual(['BanObserved']);
    // Stopped: no further polls happen.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(statusCalls).toBe(calls);
  });
});
