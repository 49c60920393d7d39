import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryEventStore, createMemoryRuntimeState } from '@bangui/adapters-memory';
import { createManualClock, type EventStore } from '@bangui/core';
import { banStream, createActiveBansProjection } from '@bangui/domain';
import { describe, expect, it } from 'vitest';
import { banObserved } from '../../src/ingest/ban-observation.ts';
import { createLiftMarks } from '../../src/ingest/lift-marks.ts';
import { createBanRecorder } from '../../src/ingest/record-ban.ts';

// fail2ban's database rounds the time of ban, its socket and the push floor it.
const T = Date.UTC(2026, 0, 1, 12);
const FRACTIONAL = T + 600; // a `banip` ban at T + 0.6 s: listed/pushed as T, stored as T + 1 s

function setup(now = T + 5_000) {
  const clock = createManualClock(now);
  const eventStore = createMemoryEventStore({ clock });
  const runtimeState = createMemoryRuntimeState({ clock });
  const liftMarks = createLiftMarks(runtimeState);
  const recorder = createBanRecorder({ eventStore, clock, liftMarks });
  return { clock, eventStore, recorder, liftMarks };
}

const seen = (bannedAt: number, source: 'poll' | 'push' | 'backfill', bantime = 600) =>
  banObserved({ jail: 'sshd', id: '192.0.2.1', bannedAt, bantimeSeconds: bantime }, source);

async function stream(store: EventStore) {
  return (await store.readStream(banStream('sshd', '192.0.2.1'))).map((e) => ({
    type: e.type,
    ...(e.data as object),
  }));
}

describe('recording a ban in its (jail, ID) stream', () => {
  it('one ban seen floored (poll, push) and rounded (backfill) is one BanObserved', async () => {
    const { eventStore, recorder } = setup();
    expect(await recorder.observed(seen(Math.floor(FRACTIONAL / 1000) * 1000, 'poll'))).toBe(
      'recorded',
    );
    expect(await recorder.observed(seen(Math.round(FRACTIONAL / 1000) * 1000, 'backfill'))).toBe(
      'already-recorded',
    );
    expect(await recorder.observed(seen(FRACTIONAL, 'push'))).toBe('already-recorded');
    expect((await stream(eventStore)).map((e) => e.type)).toEqual(['BanObserved']);
    // An end reported with the other rounding ends the recorded ban, by its recorded time.
    expect(
      await recorder.ended({
        jail: 'sshd',
        id: '192.0.2.1',
        bannedAt: T + 1_000,
        endedAt: T + 3_000,
        reason: 'lifted-by-fail2ban',
        source: 'push',
      }),
    ).toBe('recorded');
    expect((await stream(eventStore)).at(-1)).toMatchObject({ type: 'BanEnded', bannedAt: T });
  });

  it('racing channels with different roundings still record the ban once', async () => {
    const { eventStore, recorder } = setup();
    const outcomes = await Promise.all([
      recorder.observed(seen(T, 'poll')),
      recorder.observed(seen(T + 1_000, 'backfill')),
      recorder.observed(seen(T, 'push')),
    ]);
    expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(1);
    expect(await stream(eventStore)).toHaveLength(1);
  });

  it('a newer ban ends the open one in the same append; the projection keeps both straight', async () => {
    const { eventStore, recorder } = setup(T + 400_000);
    await recorder.observed(seen(T, 'poll'));
    await recorder.observed(seen(T + 300_000, 'poll'));
    const events = await eventStore.readStream(banStream('sshd', '192.0.2.1'));
    expect(events.map((e) => [e.type, e.version])).toEqual([
      ['BanObserved', 1],
      ['BanEnded', 2],
      ['BanObserved', 3],
    ]);
    expect(events[1]?.data).toMatchObject({
      bannedAt: T,
      endedAt: T + 300_000,
      reason: 'lifted-by-fail2ban',
    });
    // One append: the end and the new ban are adjacent in the global order too.
    expect(Number(events[2]?.position) - Number(events[1]?.position)).toBe(1);
    const projection = createActiveBansProjection();
    for (const e of await eventStore.readAll()) projection.apply(e);
    for (const e of await eventStore.readAll()) projection.apply(e);
    expect(projection.query({}).items.map((b) => b.bannedAt)).toEqual([T + 300_000]);
  });

  it('a newer ban after the older one’s end records the older as expired at its end', async () => {
    const { eventStore, recorder } = setup(T + 900_000);
    await recorder.observed(seen(T, 'poll', 60));
    await recorder.observed(seen(T + 300_000, 'poll'));
    expect((await stream(eventStore))[1]).toMatchObject({
      type: 'BanEnded',
      reason: 'expired',
      endedAt: T + 60_000,
    });
  });

  it('an older ban found late (a backfill after a poll) is inserted already ended', async () => {
    const { eventStore, recorder } = setup(T + 400_000);
    await recorder.observed(seen(T + 300_000, 'poll'));
    expect(await recorder.observed(seen(T, 'backfill'))).toBe('recorded');
    expect(await recorder.observed(seen(T + 1_000, 'backfill'))).toBe('already-recorded');
    expect((await stream(eventStore)).slice(1)).toEqual([
      expect.objectContaining({ type: 'BanObserved', bannedAt: T }),
      expect.objectContaining({ type: 'BanEnded', bannedAt: T, endedAt: T + 300_000 }),
    ]);
    const projection = createActiveBansProjection();
    for (const e of await eventStore.readAll()) projection.apply(e);
    expect(projection.query({}).items.map((b) => b.bannedAt)).toEqual([T + 300_000]);
  });

  it('while the unban route has the ban marked, an end by fail2ban is BanGUI’s, with the actor', async () => {
    const { clock, eventStore, recorder, liftMarks } = setup();
    await recorder.observed(seen(T, 'poll'));
    await liftMarks.mark('sshd', ['192.0.2.1'], { actor: 'alice', at: clock.now() });
    await recorder.ended({
      jail: 'sshd',
      id: '192.0.2.1',
      bannedAt: T,
      endedAt: clock.now(),
      reason: 'lifted-by-fail2ban',
      source: 'push',
    });
    expect((await stream(eventStore)).at(-1)).toMatchObject({
      reason: 'lifted-through-bangui',
      actor: 'alice',
      source: 'push',
    });
  });
});

describe('racing channels on a journal-backed store', () => {
  it('settles concurrent observations of one ban while the first append is still being fsynced', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bangui-race-'));
    const clock = createManualClock(T + 5_000);
    const eventStore = createMemoryEventStore({ clock, dataDir: dir });
    try {
      const recorder = createBanRecorder({ eventStore, clock });
      // A journal append becomes readable only after its fsync, so the losers read a
      // stream that is behind the version they lost to and must wait, not give up.
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          recorder.observed(seen(T, i % 2 === 0 ? 'poll' : 'backfill')),
        ),
      );
      expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(1);
      expect((await stream(eventStore)).map((e) => e.type)).toEqual(['BanObserved']);
    } finally {
      await eventStore.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
