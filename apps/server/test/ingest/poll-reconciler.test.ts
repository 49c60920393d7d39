import { createMemoryEventStore } from '@bangui/adapters-memory';
import { createManualClock } from '@bangui/core';
import type { BanEntry } from '@bangui/fail2ban';
import { describe, expect, it } from 'vitest';
import { createPollReconciler } from '../../src/ingest/poll-reconciler.ts';
import { createBanRecorder } from '../../src/ingest/record-ban.ts';
import { activeBansFromLog, banEvents, capturingLogger } from './helpers.ts';

// Unit test: fail2ban is a fake here; the integration test uses the real server.
function fakeFail2ban() {
  // Like fail2ban's counters: every change of a jail's list moves them.
  let changes = 0;
  const jails = new (class extends Map<string, BanEntry[]> {
    override set(key: string, value: BanEntry[]) {
      changes++;
      return super.set(key, value);
    }
  })([['sshd', []]]);
  let down = false;
  let listReads = 0;
  return {
    jails,
    listReads: () => listReads,
    setDown: (value: boolean) => {
      down = value;
    },
    async status() {
      if (down) throw new Error('connect ENOENT');
      return { jails: [...jails.keys()] };
    },
    async jailStatus(jail: string) {
      return { currentlyBanned: jails.get(jail)?.length ?? 0, totalBanned: changes };
    },
    async bans(jail: string) {
      listReads++;
      return jails.get(jail) ?? [];
    },
  };
}

function setup(endConfirmMs = 2_000) {
  const clock = createManualClock();
  const fail2ban = fakeFail2ban();
  const eventStore = createMemoryEventStore({ clock });
  const logger = capturingLogger();
  const poller = createPollReconciler({
    fail2ban,
    recorder: createBanRecorder({ eventStore, clock }),
    activeBans: activeBansFromLog(eventStore),
    logger,
    clock,
    endConfirmMs,
  });
  const ban = (id: string, bantime = 600): BanEntry => ({
    id,
    startedAt: clock.now() - 5_000,
    bantimeSeconds: bantime,
    endsAt: bantime < 0 ? null : clock.now() - 5_000 + bantime * 1000,
    permanent: bantime < 0,
  });
  return { clock, fail2ban, eventStore, logger, poller, ban };
}

describe('poll reconciliation', () => {
  it("reads a jail's list only when its counters moved, and in full every 12th poll", async () => {
    const { fail2ban, poller, ban } = setup();
    fail2ban.jails.set('sshd', [ban('192.0.2.1')]);
    await poller.pollOnce();
    expect(fail2ban.listReads()).toBe(1);
    for (let i = 0; i < 11; i++) await poller.pollOnce();
    expect(fail2ban.listReads()).toBe(1);
    await poller.pollOnce();
    expect(fail2ban.listReads()).toBe(2);
    fail2ban.jails.set('sshd', [ban('192.0.2.1'), ban('192.0.2.2')]);
    expect(await poller.pollOnce()).toMatchObject({ observed: 1 });
    expect(fail2ban.listReads()).toBe(3);
  });

  it('records a new ban once, however often it is polled', async () => {
    const { fail2ban, eventStore, poller, ban } = setup();
    fail2ban.jails.set('sshd', [ban('192.0.2.1')]);
    expect(await poller.pollOnce()).toMatchObject({ status: 'ok', observed: 1 });
    expect(await poller.pollOnce()).toMatchObject({ status: 'ok', observed: 0 });
    const events = await banEvents(eventStore);
    expect(events.map((e) => [e.type, (e.data as { source: string }).source])).toEqual([
      ['BanObserved', 'poll'],
    ]);
  });

  it('records a vanished ban as lifted only when a later poll confirms it', async () => {
    const { clock, fail2ban, eventStore, poller, ban } = setup(2_000);
    fail2ban.jails.set('sshd', [ban('192.0.2.1')]);
    await poller.pollOnce();
    fail2ban.jails.set('sshd', []);
    const firstMiss = clock.now();
    expect(await poller.pollOnce()).toMatchObject({ ended: 0, awaitingConfirmation: 1 });
    clock.advance(1_999);
    expect(await poller.pollOnce()).toMatchObject({ ended: 0, awaitingConfirmation: 1 });
    clock.advance(1);
    expect(await poller.pollOnce()).toMatchObject({ ended: 1, awaitingConfirmation: 0 });
    const ended = (await banEvents(eventStore)).find((e) => e.type === 'BanEnded');
    // Dated by the first poll that missed it, the closest bound it has.
    expect(ended?.data).toMatchObject({ reason: 'lifted-by-fail2ban', endedAt: firstMiss });
    expect(ended?.data).not.toHaveProperty('endedAtApproximate');
  });

  it('a ban that comes back before confirmation (fail2ban restarting) is not ended', async () => {
    const { clock, fail2ban, eventStore, poller, ban } = setup(2_000);
    const entry = ban('192.0.2.1');
    fail2ban.jails.set('sshd', [entry]);
    await poller.pollOnce();
    fail2ban.jails.set('sshd', []);
    await poller.pollOnce();
    fail2ban.jails.set('sshd', [entry]);
    clock.advance(5_000);
    expect(await poller.pollOnce()).toMatchObject({
      observed: 0,
      ended: 0,
      awaitingConfirmation: 0,
    });
    // Missing again later: the confirmation starts over.
    fail2ban.jails.set('sshd', []);
    expect(await poller.pollOnce()).toMatchObject({ ended: 0, awaitingConfirmation: 1 });
    expect((await banEvents(eventStore)).map((e) => e.type)).toEqual(['BanObserved']);
  });

  it('a ban past its end is recorded as expired at once, at its end time', async () => {
    const { clock, fail2ban, eventStore, poller, ban } = setup();
    const entry = ban('192.0.2.1', 10);
    fail2ban.jails.set('sshd', [entry]);
    await poller.pollOnce();
    clock.advance(10_000);
    fail2ban.jails.set('sshd', []);
    expect(await poller.pollOnce()).toMatchObject({ ended: 1 });
    const ended = (await banEvents(eventStore)).find((e) => e.type === 'BanEnded');
    expect(ended?.data).toMatchObject({ reason: 'expired', endedAt: entry.endsAt });
  });

  it('fail2ban unreachable: skips the tick with one warning and records nothing', async () => {
    const { fail2ban, eventStore, logger, poller, ban } = setup();
    fail2ban.jails.set('sshd', [ban('192.0.2.1')]);
    await poller.pollOnce();
    fail2ban.setDown(true);
    expect(await poller.pollOnce()).toEqual({ status: 'unreachable' });
    expect(await poller.pollOnce()).toEqual({ status: 'unreachable' });
    expect(logger.warnings).toEqual([expect.stringContaining('fail2ban is unreachable')]);
    expect((await banEvents(eventStore)).map((e) => e.type)).toEqual(['BanObserved']);
    fail2ban.setDown(false);
    expect(await poller.pollOnce()).toMatchObject({ status: 'ok' });
    expect(logger.infos).toEqual([expect.stringContaining('reachable again')]);
  });

  it('an end found after a gap is dated by the last poll that saw the ban, and says so', async () => {
    const { clock, fail2ban, eventStore, poller, ban } = setup(2_000);
    fail2ban.jails.set('sshd', [ban('192.0.2.1', 3_600)]);
    await poller.pollOnce();
    const lastSeen = clock.now();
    // BanGUI is down for ten minutes; the ban is lifted meanwhile.
    clock.advance(600_000);
    fail2ban.jails.set('sshd', []);
    await poller.pollOnce();
    clock.advance(2_000);
    expect(await poller.pollOnce()).toMatchObject({ ended: 1 });
    const ended = (await banEvents(eventStore)).find((e) => e.type === 'BanEnded');
    expect(ended?.data).toMatchObject({
      reason: 'lifted-by-fail2ban',
      endedAt: lastSeen,
      endedAtApproximate: true,
    });
  });

  it('ends a ban recorded before bans had one stream per (jail, ID)', async () => {
    const { clock, fail2ban, eventStore, poller } = setup(0);
    const bannedAt = clock.now() - 5_000;
    const data = { jail: 'sshd', id: '192.0.2.9', bannedAt, bantimeSeconds: 600 };
    // The earlier layout: one stream per (jail, ID, time of ban in seconds).
    await eventStore.append(
      `ban-${JSON.stringify(['sshd', '192.0.2.9', bannedAt / 1000])}`,
      [{ type: 'BanObserved', data: { ...data, endsAt: bannedAt + 600_000, source: 'poll' } }],
      { expectedVersion: 'no-stream' },
    );
    fail2ban.jails.set('sshd', []);
    await poller.pollOnce();
    expect(await poller.pollOnce()).toMatchObject({ ended: 1 });
    expect(await poller.pollOnce()).toMatchObject({ ended: 0, awaitingConfirmation: 0 });
    const ended = (await banEvents(eventStore)).filter((e) => e.type === 'BanEnded');
    expect(ended.map((e) => e.data)).toEqual([
      expect.objectContaining({ bannedAt, reason: 'lifted-by-fail2ban' }),
    ]);
  });
});
