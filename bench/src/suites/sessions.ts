import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryAdapterSet } from '@bangui/adapters-memory';
import { createPostgresAdapterSet, migrateDatabase } from '@bangui/adapters-postgres';
import { createDatabase, startThrowawayPostgres } from '@bangui/adapters-postgres/testing';
import { createSessionManager, type SessionStore } from '@bangui/core';
import { startSandbox } from '@bangui/sandbox';
import { benchLogin, startBanGuiProcess } from '../bangui-process.ts';
import { type ChildServer, startChildServer } from '../child-server.ts';
import { requestsPerSecond } from '../load.ts';
import { type CaseResult, measureCase } from '../measure.ts';
import type { SuiteResult } from '../report.ts';

const SESSIONS = 1_000;

/** Validations per second of one session manager over `SESSIONS` live sessions, 50 in flight. */
async function validationsPerSecond(
  store: SessionStore,
  seconds: number,
): Promise<() => Promise<number>> {
  const manager = createSessionManager({ store });
  const tokens: string[] = [];
  for (let i = 0; i < SESSIONS; i++) tokens.push((await manager.create(`user-${i}`)).token);
  return async () => {
    let done = 0;
    const end = Date.now() + seconds * 1000;
    const lane = async (offset: number) => {
      for (let i = offset; Date.now() < end; i += 50) {
        if (!(await manager.validate(tokens[i % SESSIONS] ?? ''))) throw new Error('session lost');
        done++;
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: 50 }, (_, lane_) => lane(lane_)));
    return done / ((performance.now() - start) / 1000);
  };
}

/**
 * Session validation in-process (memory, PostgreSQL, PostgreSQL behind the
 * tiered per-worker cache), then the same authenticated GET over HTTP against
 * BanGUI on PostgreSQL and against express + express-session +
 * connect-pg-simple on the same database server.
 */
export async function sessionsSuite(options: { quick: boolean }): Promise<SuiteResult> {
  const runs = options.quick ? 3 : 5;
  const seconds = options.quick ? 1 : 3;
  const pg = await startThrowawayPostgres({ database: 'bench_template' });
  const dataDir = await mkdtemp(join(tmpdir(), 'bangui-bench-sessions-'));
  const sandbox = await startSandbox({ action: 'noop' });
  const closers: Array<() => Promise<void>> = [];
  try {
    await migrateDatabase(pg.url);
    const url = () => createDatabase(pg.url, { template: 'bench_template' });
    const memory = createMemoryAdapterSet({ dataDir: join(dataDir, 'memory') });
    const plain = await createPostgresAdapterSet({ url: await url(), localTier: false });
    const tiered = await createPostgresAdapterSet({ url: await url() });
    closers.push(
      () => memory.close(),
      () => plain.close(),
      () => tiered.close(),
    );

    const cases: CaseResult[] = [];
    for (const [name, store] of [
      ['validate: memory', memory.sessions],
      ['validate: PostgreSQL', plain.sessions],
      ['validate: PostgreSQL + tiered cache', tiered.sessions],
    ] as const) {
      cases.push(
        await measureCase({
          name,
          unit: 'ops/s',
          runs,
          warmup: 1,
          run: await validationsPerSecond(store, seconds),
        }),
      );
    }

    const bangui = await startBanGuiProcess({
      BANGUI_ADAPTER: 'postgres',
      BANGUI_DATABASE_URL: await url(),
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_DATA_DIR: join(dataDir, 'pg'),
    });
    closers.push(() => bangui.stop());
    const express: ChildServer = await startChildServer(
      [join(import.meta.dirname, '../servers/express-pg-session-server.mjs')],
      {
        env: { ...process.env, DATABASE_URL: await url() },
        urlFrom: (line) => {
          const port = /^LISTENING (\d+)/.exec(line)?.[1];
          return port && `http://127.0.0.1:${port}`;
        },
      },
    );
    closers.push(() => express.stop());
    const expressCookie = (
      (await fetch(`${express.url}/login`)).headers.get('set-cookie') ?? ''
    ).split(';')[0];
    const load = (target: string, cookie: string) => () =>
      requestsPerSecond(target, { seconds: seconds * 2, connections: 10, headers: { cookie } });
    cases.push(
      await measureCase({
        name: 'GET /api/auth/me (BanGUI, PostgreSQL + tiered)',
        unit: 'ops/s',
        runs,
        warmup: 1,
        run: load(`${bangui.url}/api/auth/me`, await benchLogin(bangui.url)),
      }),
      await measureCase({
        name: 'GET /me (express-session + connect-pg-simple)',
        unit: 'ops/s',
        runs,
        warmup: 1,
        run: load(`${express.url}/me`, expressCookie ?? ''),
      }),
    );
    const n = (i: number) => cases[i]?.name ?? '';
    return {
      suite: 'Sessions: validation per store, and BanGUI vs express-session on PostgreSQL',
      cases,
      comparisons: [
        { label: 'PostgreSQL vs memory', subject: n(1), baseline: n(0) },
        { label: 'tiered vs memory', subject: n(2), baseline: n(0) },
        { label: 'tiered vs PostgreSQL', subject: n(2), baseline: n(1) },
        { label: 'express-session vs BanGUI', subject: n(4), baseline: n(3) },
      ],
      notes: [
        `${SESSIONS} live sessions, 50 validations in flight, one process`,
        'express-session with rolling: true writes the session on every request (connect-pg-simple touch)',
      ],
    };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    await sandbox.destroy();
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
