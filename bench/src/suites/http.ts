import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@bangui/sandbox';
import { benchLogin, startBanGuiProcess } from '../bangui-process.ts';
import { type ChildServer, startChildServer } from '../child-server.ts';
import { requestsPerSecond } from '../load.ts';
import { measureCase } from '../measure.ts';
import type { SuiteResult } from '../report.ts';

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
  const servers: ChildServer[] = [];
  try {
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

    const cases = [
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
      ],
      notes: [
        `${connections} connections, ${seconds} s per run, 1 worker, in-memory adapter set`,
        'PostgreSQL + tiered cache and 1 vs 2 workers come with the PostgreSQL adapter',
      ],
    };
  } finally {
    for (const s of servers) await s.stop();
    await sandbox.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}
