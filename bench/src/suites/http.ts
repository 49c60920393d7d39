import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '@bangui/adapters-postgres';
import { createDatabase, startThrowawayPostgres } from '@bangui/adapters-postgres/testing';
import { startSandbox } from '@bangui/sandbox';
import { benchLogin, startBanGuiProcess } from '../bangui-process.ts';
import { type ChildServer, startChildServer } from '../child-server.ts';
import { requestsPerSecond } from '../load.ts';
import { type CaseResult, measureCase } from '../measure.ts';
import type { SuiteResult } from '../report.ts';
import { rssOfTree } from '../rss.ts';

/**
 * Authenticated API requests against the ceiling of a bare node:http server on the
 * same machine, each server in its own process, autocannon in this one.
 * GET /api/auth/me measures the framework + session path alone; GET /api/jails adds
 * a fail2ban round trip per jail (fail2ban serves one command at a time).
 */
export async function httpSuite(options: { quick: boolean }): Promise<SuiteResult> {
  const runs = options.quick ? 3 : 5;
  const seconds = options.quick ? 2 : 5;
  const connections = 10;
  const sandbox = await startSandbox({ action: 'noop' });
  const dataDir = await mkdtemp(join(tmpdir(), 'bangui-bench-'));
  const pg = await startThrowawayPostgres({ database: 'bench_template' });
  const servers: ChildServer[] = [];
  try {
    await migrateDatabase(pg.url);
    const hello = await startChildServer(
      [join(import.meta.dirname, '../servers/hello-server.mjs')],
      {
        urlFrom: (line) => {
          const port = /^LISTENING (\d+)/.exec(line)?.[1];
          return port && `http://127.0.0.1:${port}`;
        },
      },
    );
    servers.push(hello);
    const bangui = await startBanGuiProcess({
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_DATA_DIR: dataDir,
    });
    servers.push(bangui);
    const cookie = await benchLogin(bangui.url);
    const load = (url: string, headers?: Record<string, string>) => () =>
      requestsPerSecond(url, { seconds, connections, headers });

    const cases: CaseResult[] = [
      await measureCase({
        name: 'node:http hello',
        unit: 'ops/s',
        runs,
        warmup: 1,
        run: load(hello.url),
      }),
      await measureCase({
        name: 'GET /api/auth/me (memory sessions)',
        unit: 'ops/s',
        runs,
        warmup: 1,
        run: load(`${bangui.url}/api/auth/me`, { cookie }),
      }),
      await measureCase({
        name: 'GET /api/jails (memory sessions)',
        unit: 'ops/s',
        runs,
        warmup: 1,
        run: load(`${bangui.url}/api/jails`, { cookie }),
      }),
    ];
    // The same requests on PostgreSQL (sessions behind the tiered per-worker
    // cache), with 1 and 2 workers sharing the port; RSS per worker idle and
    // right after the load, for the 512M container budget.
    const memoryNotes: string[] = [];
    for (const workers of [1, 2]) {
      const server = await startBanGuiProcess({
        BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
        BANGUI_DATA_DIR: join(dataDir, `pg-${workers}`),
        BANGUI_ADAPTER: 'postgres',
        BANGUI_DATABASE_URL: await createDatabase(pg.url, { template: 'bench_template' }),
        BANGUI_WORKERS: String(workers),
      });
      servers.push(server);
      const pgCookie = await benchLogin(server.url);
      const idle = await rssOfTree(server.child.pid ?? 0);
      for (const path of ['/api/auth/me', '/api/jails']) {
        cases.push(
          await measureCase({
            name: `GET ${path} (PostgreSQL + tiered, ${workers} worker${workers > 1 ? 's' : ''})`,
            unit: 'ops/s',
            runs,
            warmup: 1,
            run: load(`${server.url}${path}`, { cookie: pgCookie }),
          }),
        );
      }
      const loaded = await rssOfTree(server.child.pid ?? 0);
      memoryNotes.push(
        `RSS with ${workers} worker(s): idle ${idle.describe}; after load ${loaded.describe}`,
      );
    }
    return {
      suite: 'HTTP: authenticated API vs the node:http ceiling',
      cases,
      comparisons: [
        {
          label: 'session + framework',
          subject: cases[1]?.name ?? '',
          baseline: cases[0]?.name ?? '',
        },
        { label: '/api/jails', subject: cases[2]?.name ?? '', baseline: cases[0]?.name ?? '' },
        {
          label: 'me: PostgreSQL+tiered vs memory',
          subject: cases[3]?.name ?? '',
          baseline: cases[1]?.name ?? '',
        },
        {
          label: 'jails: PostgreSQL+tiered vs memory',
          subject: cases[4]?.name ?? '',
          baseline: cases[2]?.name ?? '',
        },
        {
          label: 'me: 2 workers vs 1',
          subject: cases[5]?.name ?? '',
          baseline: cases[3]?.name ?? '',
        },
        {
          label: 'jails: 2 workers vs 1',
          subject: cases[6]?.name ?? '',
          baseline: cases[4]?.name ?? '',
        },
      ],
      notes: [
        `${connections} connections, ${seconds} s per run; memory cases: 1 worker, in-memory adapter set`,
        ...memoryNotes,
      ],
    };
  } finally {
    for (const s of servers) await s.stop();
    await sandbox.destroy();
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
