import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  createMemoryEventStore,
  createMemoryLeases,
  createMemoryRuntimeState,
} from '@bangui/adapters-memory';
import type { EventStore } from '@bangui/core';
import { banStream } from '@bangui/domain';
import { type BanEntry, createFail2banClient, type Fail2banClient } from '@bangui/fail2ban';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIngestion, type Ingestion } from '../../src/ingest/create-ingestion.ts';
import { pushRoutes } from '../../src/ingest/push-routes.ts';
import { activeBansFromLog, banEvents, capturingLogger } from './helpers.ts';

const execFileAsync = promisify(execFile);
const WAIT = { timeout: 15_000, interval: 100 };

let sandbox: Sandbox;
let client: Fail2banClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = createFail2banClient({ socketPath: sandbox.socketPath });
});

afterAll(async () => {
  await client?.close();
  await sandbox?.destroy();
});

function ingestionFor(eventStore: EventStore, extra: { dbPath?: string } = {}) {
  const logger = capturingLogger();
  const ingestion: Ingestion = createIngestion({
    fail2ban: client,
    eventStore,
    runtimeState: createMemoryRuntimeState(),
    leases: createMemoryLeases(),
    activeBans: activeBansFromLog(eventStore),
    logger,
    pollIntervalSeconds: 5,
    backfillIntervalSeconds: 30,
    // Tests poll back to back; a lift is still confirmed only by a second poll.
    endConfirmMs: 0,
    ...extra,
  });
  return { ingestion, logger };
}

/** Makes fail2ban ban `ip` in `jail` from its log, and waits for the ban to show. */
async function banFromLog(jail: string, ip: string, failures: number): Promise<BanEntry> {
  await sandbox.appendFailures(jail, ip, failures);
  return vi.waitFor(async () => {
    const found = (await client.bans(jail)).find((b) => b.id === ip);
    if (!found) throw new Error(`${ip} not banned in ${jail} yet`);
    return found;
  }, WAIT);
}

/** Waits until fail2ban's observer thread has written the ban's row (it does so asynchronously). */
async function waitForDbRow(jail: string, ip: string): Promise<void> {
  await vi.waitFor(() => {
    const db = new Database(sandbox.dbFile, {
      readonly: true,
      fileMustExist: true,
      timeout: 1_000,
    });
    try {
      const row = db.prepare('SELECT 1 FROM bans WHERE jail = ? AND ip = ?').get(jail, ip);
      if (!row) throw new Error('row not written yet');
    } finally {
      db.close();
    }
  }, WAIT);
}

async function streamOf(store: EventStore, jail: string, ban: BanEntry) {
  return store.readStream(banStream(jail, ban.id));
}

describe('ingestion against a real fail2ban', () => {
  it('a ban made by fail2ban itself is recorded after one poll', async () => {
    const store = createMemoryEventStore();
    const { ingestion } = ingestionFor(store);
    const ban = await banFromLog('sshd', '192.0.2.11', 3);
    expect(await ingestion.pollOnce()).toMatchObject({ status: 'ok' });
    const events = await streamOf(store, 'sshd', ban);
    expect(events.map((e) => e.type)).toEqual(['BanObserved']);
    expect(events[0]?.data).toMatchObject({
      jail: 'sshd',
      id: '192.0.2.11',
      bannedAt: ban.startedAt,
      source: 'poll',
    });
  });

  it('the same ban arriving by push, poll and backfill is one event', async () => {
    const store = createMemoryEventStore();
    const { ingestion } = ingestionFor(store);
    const app = new Hono().route(
      '/api/ingest/fail2ban',
      pushRoutes({
        secret: 'integration-push-secret',
        eventStore: store,
        runtimeState: createMemoryRuntimeState(),
        jails: async () => (await client.status()).jails,
      }),
    );
    const ban = await banFromLog('nginx-auth', '192.0.2.12', 5);
    const res = await app.request('/api/ingest/fail2ban', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer integration-push-secret',
      },
      body: JSON.stringify({
        action: 'ban',
        jail: 'nginx-auth',
        ip: ban.id,
        timeofban: ban.startedAt / 1000,
        bantime: ban.bantimeSeconds,
      }),
    });
    expect(await res.json()).toEqual({ recorded: true });
    await ingestion.pollOnce();
    await waitForDbRow('nginx-auth', ban.id);
    expect(await ingestion.backfillOnce()).toMatchObject({ status: 'ok' });
    const events = await streamOf(store, 'nginx-auth', ban);
    expect(events.map((e) => [e.type, (e.data as { source: string }).source])).toEqual([
      ['BanObserved', 'push'],
    ]);
  });

  it('bans made while BanGUI was down are recorded by the next backfill and poll', async () => {
    const ban = await banFromLog('web.login', '192.0.2.13', 2);
    await waitForDbRow('web.login', ban.id);
    // BanGUI "starts" now, with an empty log.
    const store = createMemoryEventStore();
    const { ingestion } = ingestionFor(store);
    expect(await ingestion.backfillOnce()).toMatchObject({ status: 'ok' });
    const events = await streamOf(store, 'web.login', ban);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      source: 'backfill',
      bannedAt: ban.startedAt,
      bantimeSeconds: -1,
      endsAt: null,
      failures: 2,
      matches: [
        expect.stringContaining('from 192.0.2.13'),
        expect.stringContaining('from 192.0.2.13'),
      ],
    });
    await ingestion.pollOnce();
    expect(await streamOf(store, 'web.login', ban)).toHaveLength(1);

    // And by a poll alone when the database is not available.
    const pollOnly = createMemoryEventStore();
    const second = ingestionFor(pollOnly, { dbPath: `${sandbox.dir}/no-such.sqlite3` });
    expect(await second.ingestion.backfillOnce()).toEqual({
      status: 'degraded',
      problem: 'missing',
    });
    await second.ingestion.pollOnce();
    expect((await streamOf(pollOnly, 'web.login', ban)).map((e) => e.type)).toEqual([
      'BanObserved',
    ]);
  });

  it('after fail2ban restarts, restored bans keep their time of ban and are not counted again', async () => {
    const store = createMemoryEventStore();
    const { ingestion } = ingestionFor(store);
    const ban = await banFromLog('sshd', '192.0.2.14', 3);
    await waitForDbRow('sshd', ban.id);
    await ingestion.pollOnce();
    const before = (await banEvents(store)).length;

    await sandbox.restart();
    // A poll during the restore window may find the ban missing: that alone ends nothing.
    await ingestion.pollOnce();
    const restored = await vi.waitFor(async () => {
      const found = (await client.bans('sshd')).find((b) => b.id === ban.id);
      if (!found) throw new Error('not restored yet');
      return found;
    }, WAIT);
    expect(restored.startedAt).toBe(ban.startedAt);
    await ingestion.pollOnce();
    await ingestion.pollOnce();
    expect((await banEvents(store)).length).toBe(before);
    expect((await streamOf(store, 'sshd', ban)).map((e) => e.type)).toEqual(['BanObserved']);
  });

  it('an unban through fail2ban-client becomes BanEnded lifted-by-fail2ban', async () => {
    const store = createMemoryEventStore();
    const { ingestion } = ingestionFor(store);
    const ban = await banFromLog('nginx-auth', '192.0.2.15', 5);
    await ingestion.pollOnce();
    await execFileAsync('/usr/bin/fail2ban-client', [
      '-s',
      sandbox.socketPath,
      'set',
      'nginx-auth',
      'unbanip',
      ban.id,
    ]);
    expect(await ingestion.pollOnce()).toMatchObject({ ended: 0, awaitingConfirmation: 1 });
    expect(await ingestion.pollOnce()).toMatchObject({ ended: 1, awaitingConfirmation: 0 });
    const events = await streamOf(store, 'nginx-auth', ban);
    expect(events.map((e) => e.type)).toEqual(['BanObserved', 'BanEnded']);
    expect(events[1]?.data).toMatchObject({ reason: 'lifted-by-fail2ban', source: 'poll' });
  });

  it('a banip ban (fractional time, rounded in the db) is one ban for poll, backfill and restart', async () => {
    const store = createMemoryEventStore();
    const { ingestion } = ingestionFor(store);
    // `banip` keeps the sub-second time: the listing floors it, the db rounds it.
    // Several IDs so that, whatever the clock, some have a fraction of .5 or more.
    const ids = ['192.0.2.61', '192.0.2.62', '192.0.2.63', '192.0.2.64', '192.0.2.65'];
    for (const id of ids) {
      await client.ban('sshd', [id]);
      await new Promise((resolve) => setTimeout(resolve, 97));
    }
    await ingestion.pollOnce();
    for (const id of ids) await waitForDbRow('sshd', id);
    expect(await ingestion.backfillOnce()).toMatchObject({ status: 'ok', imported: 0 });
    await ingestion.pollOnce();
    await ingestion.pollOnce();
    await sandbox.restart();
    await vi.waitFor(async () => {
      const listed = (await client.bans('sshd')).map((b) => b.id);
      if (!ids.every((id) => listed.includes(id))) throw new Error('not restored yet');
    }, WAIT);
    await ingestion.pollOnce();
    await ingestion.pollOnce();
    for (const id of ids) {
      const events = await store.readStream(banStream('sshd', id));
      expect(events.map((e) => e.type)).toEqual(['BanObserved']);
    }
  });

  it('BanGUI in another time zone than fail2ban: poll times are corrected from the db, once logged', async () => {
    const zone = process.env.TZ;
    // fail2ban (already running) keeps its zone; BanGUI's parser now reads in +05:45.
    process.env.TZ = 'Asia/Kathmandu';
    try {
      const store = createMemoryEventStore();
      const { ingestion, logger } = ingestionFor(store);
      const ban = await banFromLog('nginx-auth', '192.0.2.71', 5);
      await waitForDbRow('nginx-auth', ban.id);
      await ingestion.pollOnce();
      await ingestion.backfillOnce();
      const events = await store.readStream(banStream('nginx-auth', ban.id));
      expect(events.map((e) => e.type)).toEqual(['BanObserved']);
      const db = new Database(sandbox.dbFile, { readonly: true, fileMustExist: true });
      const row = db
        .prepare('SELECT timeofban FROM bips WHERE jail = ? AND ip = ?')
        .get('nginx-auth', ban.id) as { timeofban: number };
      db.close();
      const bannedAt =
        (events[0]?.data as { bannedAt?: number } | undefined)?.bannedAt ?? Number.NaN;
      expect(Math.abs(bannedAt - row.timeofban * 1000)).toBeLessThanOrEqual(1_000);
      expect(logger.warnings.filter((w) => w.includes('time zone'))).toEqual([
        expect.stringContaining('minutes off'),
      ]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
