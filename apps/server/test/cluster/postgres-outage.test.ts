import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '@bangui/adapters-postgres';
import { startThrowawayPostgres, type ThrowawayPostgres } from '@bangui/adapters-postgres/testing';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logger.ts';
import { type RunningServer, startServer } from '../../src/start-server.ts';

const PASSWORD = 'outage-password';

// A PostgreSQL of this file's own: the test stops and starts it, which the
// project-wide server must never see.
let postgres: ThrowawayPostgres;
let sandbox: Sandbox;
let server: RunningServer;
let dataDir: string;
const unexpected: unknown[] = [];
const logger: Logger = {
  info: () => {},
  // Only failures of requests count: jobs rightly log that the database is gone.
  error: (message, error) => {
    if (/^(GET|POST) /.test(message)) unexpected.push(error);
  },
};

beforeAll(async () => {
  [postgres, sandbox, dataDir] = await Promise.all([
    startThrowawayPostgres(),
    startSandbox(),
    mkdtemp(join(tmpdir(), 'bangui-outage-')),
  ]);
  await migrateDatabase(postgres.url);
  server = await startServer({
    env: {
      BANGUI_PORT: '0',
      BANGUI_ADAPTER: 'postgres',
      BANGUI_DATABASE_URL: postgres.url,
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_DATA_DIR: dataDir,
      BANGUI_ADMIN_PASSWORD: PASSWORD,
      BANGUI_WEB_DIR: join(dataDir, 'no-web'),
    },
    logger,
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await Promise.all([postgres?.stop(), sandbox?.destroy()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function get(path: string, cookie = '') {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string; message: string } },
  };
}

/** Repeats `probe` until it returns `status`; bounded (the bus notices an outage within its 1 s poll). */
async function until(status: number, probe: () => Promise<{ status: number }>) {
  let last = 0;
  for (let i = 0; i < 50 && last !== status; i++) {
    last = (await probe()).status;
    if (last !== status) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
}

describe('PostgreSQL goes away and comes back', () => {
  it('503 with a clear reason while it is down, and recovery without a restart', async () => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await get('/api/auth/me', cookie)).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);

    await postgres.pause();

    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.error?.code).toBe('database-unavailable');
    expect(ready.body.error?.message).toContain('PostgreSQL');
    // The cached session is no longer vouched for once the bus cannot reach the database.
    expect(await until(503, () => get('/api/auth/me', cookie))).toBe(503);
    const me = await get('/api/auth/me', cookie);
    expect(me.body.error?.code).toBe('database-unavailable');

    await postgres.resume();

    expect(await until(200, () => get('/readyz'))).toBe(200);
    expect(await until(200, () => get('/api/auth/me', cookie))).toBe(200);
    expect(unexpected).toEqual([]);
  });
});
