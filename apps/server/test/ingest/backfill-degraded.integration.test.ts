import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryEventStore } from '@bangui/adapters-memory';
import { createFail2banClient, type Fail2banClient } from '@bangui/fail2ban';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackfill } from '../../src/ingest/backfill.ts';
import { BUSY_TIMEOUT_MS, openFail2banDb } from '../../src/ingest/fail2ban-db.ts';
import { createBanRecorder } from '../../src/ingest/record-ban.ts';
import { banEvents, capturingLogger } from './helpers.ts';

let sandbox: Sandbox;
let client: Fail2banClient;
let scratch: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = createFail2banClient({ socketPath: sandbox.socketPath });
  scratch = await mkdtemp(join(tmpdir(), 'bangui-backfill-'));
  await sandbox.appendFailures('sshd', '192.0.2.31', 3);
  // fail2ban writes its rows asynchronously; wait for this one.
  await vi.waitFor(
    () => {
      const db = new Database(sandbox.dbFile, { readonly: true, fileMustExist: true });
      try {
        if (!db.prepare("SELECT 1 FROM bans WHERE ip = '192.0.2.31'").get())
          throw new Error('not yet');
      } finally {
        db.close();
      }
    },
    { timeout: 15_000, interval: 100 },
  );
});

afterAll(async () => {
  await client?.close();
  await sandbox?.destroy();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function backfillFor(dbPath?: string) {
  const logger = capturingLogger();
  const eventStore = createMemoryEventStore();
  const clock = { now: () => Date.now() };
  const backfill = createBackfill({
    recorder: createBanRecorder({ eventStore, clock }),
    logger,
    clock,
    fail2ban: client,
    ...(dbPath !== undefined ? { dbPath } : {}),
  });
  return { backfill, logger, eventStore };
}

describe("backfill from fail2ban's database degrades instead of failing", () => {
  it('finds the database through fail2ban (get dbfile) and imports from it', async () => {
    const { backfill, eventStore, logger } = backfillFor();
    expect(await backfill.backfillOnce()).toMatchObject({ status: 'ok', imported: 1 });
    expect((await banEvents(eventStore)).map((e) => (e.data as { id: string }).id)).toEqual([
      '192.0.2.31',
    ]);
    expect(logger.warnings).toEqual([]);
  });

  it('missing file: one warning however many runs, and nothing recorded', async () => {
    const { backfill, logger, eventStore } = backfillFor(join(scratch, 'absent.sqlite3'));
    for (let i = 0; i < 3; i++) {
      expect(await backfill.backfillOnce()).toEqual({ status: 'degraded', problem: 'missing' });
    }
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('absent.sqlite3');
    expect(await banEvents(eventStore)).toEqual([]);
  });

  it('garbage file: unreadable, with a warning', async () => {
    const path = join(scratch, 'garbage.sqlite3');
    await writeFile(path, Buffer.alloc(4096, 0x5a));
    const { backfill, logger } = backfillFor(path);
    expect(await backfill.backfillOnce()).toEqual({ status: 'degraded', problem: 'unreadable' });
    expect(logger.warnings).toHaveLength(1);
  });

  it('an old or foreign schema is refused by its version', async () => {
    const old = join(scratch, 'old.sqlite3');
    const db = new Database(old);
    db.exec('CREATE TABLE fail2banDb(version INTEGER); INSERT INTO fail2banDb VALUES (2);');
    db.close();
    const foreign = join(scratch, 'foreign.sqlite3');
    new Database(foreign).exec('CREATE TABLE t(x)').close();
    for (const path of [old, foreign]) {
      const { backfill, logger } = backfillFor(path);
      expect(await backfill.backfillOnce()).toEqual({
        status: 'degraded',
        problem: 'unsupported-schema',
      });
      expect(logger.warnings).toHaveLength(1);
    }
  });

  it('a locked database degrades, and the next run after the lock is gone imports', async () => {
    const { backfill, logger, eventStore } = backfillFor(sandbox.dbFile);
    const locker = new Database(sandbox.dbFile, { timeout: 5_000 });
    locker.exec('BEGIN EXCLUSIVE');
    try {
      expect(await backfill.backfillOnce()).toEqual({ status: 'degraded', problem: 'locked' });
    } finally {
      // Released at once: fail2ban's own writes wait on this lock too.
      locker.exec('ROLLBACK');
      locker.close();
    }
    expect(logger.warnings).toHaveLength(1);
    expect(await backfill.backfillOnce()).toMatchObject({ status: 'ok', imported: 1 });
    expect(logger.infos).toEqual([expect.stringContaining('works again')]);
    expect(await banEvents(eventStore)).toHaveLength(1);
    // fail2ban is unharmed.
    expect(await client.ping()).toBeUndefined();
  });

  it('waits at most 50 ms for a lock: better-sqlite3 blocks the event loop while it waits', () => {
    const db = openFail2banDb(sandbox.dbFile);
    try {
      expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    } finally {
      db.close();
    }
    expect(BUSY_TIMEOUT_MS).toBeLessThanOrEqual(50);
  });
});
