import { createMemoryEventStore } from '@bangui/adapters-memory';
import { createManualClock } from '@bangui/core';
import { describe, expect, it } from 'vitest';
import { banObserved } from '../../src/ingest/ban-observation.ts';
import { createBanRecorder } from '../../src/ingest/record-ban.ts';
import { recordUnbanThroughBangui } from '../../src/ingest/unban-through-bangui.ts';
import { banEvents } from './helpers.ts';

const T = Date.UTC(2026, 0, 1, 12);
const entry = {
  id: '192.0.2.9',
  startedAt: T,
  bantimeSeconds: 600,
  endsAt: T + 600_000,
  permanent: false,
};

function setup() {
  const eventStore = createMemoryEventStore();
  const recorder = createBanRecorder({ eventStore, clock: createManualClock(T + 1_000) });
  return { eventStore, recorder };
}

describe('recordUnbanThroughBangui', () => {
  it('ends a recorded ban with reason lifted-through-bangui and the actor, once', async () => {
    const { eventStore, recorder } = setup();
    await recorder.observed(
      banObserved({ jail: 'sshd', id: entry.id, bannedAt: T, bantimeSeconds: 600 }, 'push'),
    );
    const at = T + 60_000;
    const input = { recorder, jail: 'sshd', ban: entry, actor: 'admin', at };
    expect(await recordUnbanThroughBangui(input)).toBe('recorded');
    expect(await recordUnbanThroughBangui(input)).toBe('already-ended');
    const events = await banEvents(eventStore);
    expect(events.map((e) => e.type)).toEqual(['BanObserved', 'BanEnded']);
    expect(events[1]?.data).toMatchObject({
      reason: 'lifted-through-bangui',
      actor: 'admin',
      endedAt: at,
      bannedAt: T,
    });
  });

  it('records a ban no channel had seen yet before ending it, so its history is whole', async () => {
    const { eventStore, recorder } = setup();
    await recordUnbanThroughBangui({
      recorder,
      jail: 'sshd',
      ban: entry,
      actor: 'a',
      at: T + 1_000,
    });
    const events = await banEvents(eventStore);
    expect(events.map((e) => e.type)).toEqual(['BanObserved', 'BanEnded']);
  });
});
