import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/postgres.ts';
import { openSse } from '../helpers/sse-client.ts';
import { type ClusterProcess, oneShot, startCluster } from './cluster-process.ts';

const PASSWORD = 'cluster-password';
const PUSH_SECRET = 'cluster-push-secret-0123456789';
const WORKERS = 4;

let sandbox: Sandbox;
let dataDir: string;
let databaseUrl: string;
let cluster: ClusterProcess;

beforeAll(async () => {
  [sandbox, dataDir, databaseUrl] = await Promise.all([
    startSandbox(),
    mkdtemp(join(tmpdir(), 'bangui-cluster-')),
    freshDatabase(),
  ]);
  cluster = await startCluster({
    BANGUI_ADAPTER: 'postgres',
    BANGUI_DATABASE_URL: databaseUrl,
    BANGUI_WORKERS: String(WORKERS),
    BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
    BANGUI_DATA_DIR: dataDir,
    BANGUI_ADMIN_PASSWORD: PASSWORD,
    BANGUI_PUSH_SECRET: PUSH_SECRET,
    BANGUI_WEB_DIR: join(dataDir, 'no-web'),
    // Each test speaks for its own client addresses, so the per-address login limit stays out of the way.
    BANGUI_TRUST_PROXY: '127.0.0.1',
  });
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
  await sandbox?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

let nextAddress = 1;
/** A client address of its own (X-Forwarded-For from the trusted proxy 127.0.0.1). */
const newClient = () => `198.51.100.${nextAddress++}`;

async function login(client: string): Promise<string> {
  const res = await oneShot(`${cluster.url}/api/auth/login`, {
    body: { username: 'admin', password: PASSWORD },
    headers: { 'x-forwarded-for': client },
  });
  expect(res.status).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0] ?? '';
}

const workerId = (worker: string) => worker.split(':')[0];

/** Sends `get` until every worker has answered once; returns the responses by worker id. */
async function untilEveryWorker(get: () => Promise<{ worker: string; status: number }>) {
  const seen = new Map<string, number>();
  for (let i = 0; i < WORKERS * 10 && seen.size < WORKERS; i++) {
    const res = await get();
    seen.set(workerId(res.worker) ?? '', res.status);
  }
  return seen;
}

describe(`BANGUI_WORKERS=${WORKERS} with PostgreSQL (real worker processes)`, () => {
  it('starts and serves: every worker answers, each with its own id', async () => {
    const seen = await untilEveryWorker(() => oneShot(`${cluster.url}/livez`));
    expect(seen.size).toBe(WORKERS);
    expect([...seen.values()]).toEqual(Array(WORKERS).fill(200));
    expect((await oneShot(`${cluster.url}/readyz`)).status).toBe(200);
  });

  it('1,000 authenticated requests over new connections: no 401 from any worker', async () => {
    const cookie = await login(newClient());
    const statuses = new Map<number, number>();
    const workers = new Set<string>();
    for (let batch = 0; batch < 50; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          oneShot(`${cluster.url}/api/auth/me`, { headers: { cookie } }),
        ),
      );
      for (const res of responses) {
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        workers.add(workerId(res.worker) ?? '');
      }
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 1000 });
    expect(workers.size).toBe(WORKERS);
  });

  it('a logout on one worker is a 401 on every other worker', async () => {
    const cookie = await login(newClient());
    const me = () => oneShot(`${cluster.url}/api/auth/me`, { headers: { cookie } });
    // Every worker validates (and so caches) the session first.
    const before = await untilEveryWorker(me);
    expect([...before.values()]).toEqual(Array(WORKERS).fill(200));

    const logout = await oneShot(`${cluster.url}/api/auth/logout`, {
      body: {},
      headers: { cookie },
    });
    expect(logout.status).toBe(204);

    // The NOTIFY is delivered asynchronously: a few tries each, a bounded wait,
    // far below the local cache's TTL (60 s), so a missing invalidation fails.
    const after = new Map<string, number>();
    for (let i = 0; i < 60 && after.size < WORKERS; i++) {
      const res = await me();
      const id = workerId(res.worker) ?? '';
      if (res.status === 401) after.set(id, 401);
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(after.size).toBe(WORKERS);
  });

  it('100 parallel wrong passwords against a per-username limit of 5: exactly 5 evaluated, 95 refused', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        oneShot(`${cluster.url}/api/auth/login`, {
          body: { username: 'mallory', password: 'wrong' },
          headers: { 'x-forwarded-for': newClient() },
        }),
      ),
    );
    const count = (status: number) => responses.filter((r) => r.status === status).length;
    expect({ 401: count(401), 429: count(429) }).toEqual({ 401: 5, 429: 95 });
    expect(new Set(responses.map((r) => workerId(r.worker))).size).toBe(WORKERS);
  });

  it('a ban made through one worker reaches an event stream held by another', async () => {
    const client = newClient();
    const cookie = await login(client);
    const headers = { cookie, 'x-forwarded-for': client };
    const sse = await openSse(`${cluster.url}/api/events/stream`, headers);
    const streamWorker = workerId(sse.headers.get('x-bangui-worker') ?? '');
    try {
      expect(sse.status).toBe(200);
      let bannedBy: string | undefined;
      let ip = '';
      for (let i = 1; i <= 10 && !bannedBy; i++) {
        ip = `192.0.2.${i}`;
        const res = await oneShot(`${cluster.url}/api/jails/sshd/bans`, {
          body: { ids: [ip] },
          headers,
        });
        expect(res.status).toBe(200);
        if (workerId(res.worker) !== streamWorker) bannedBy = workerId(res.worker);
      }
      expect(bannedBy).toBeDefined();
      const message = await sse.next(
        (m) => m.event === 'BanObserved' && m.data.includes(`"${ip}"`),
      );
      expect(message.event).toBe('BanObserved');
    } finally {
      sse.close();
    }
  });

  it('kill -9 of a worker during appends loses no acknowledged event, and the worker is replaced', async () => {
    const acknowledged: string[] = [];
    let victim: string | undefined;
    let killed = false;
    // The push accepts only fail2ban's jails and times of ban from the last 10 years.
    const base = Math.floor(Date.now() / 1000) - 3_600;
    const push = async (n: number) => {
      const ip = `203.0.113.${n % 250}`;
      const jail = n < 250 ? 'sshd' : 'nginx-auth';
      try {
        const res = await oneShot(`${cluster.url}/api/ingest/fail2ban`, {
          body: { action: 'ban', jail, ip, timeofban: base + n, bantime: 600 },
          headers: { authorization: `Bearer ${PUSH_SECRET}` },
        });
        if (res.status === 200) acknowledged.push(`${jail}/${ip}/${base + n}`);
        victim ??= res.worker;
      } catch {
        // the connection died with the worker: not acknowledged, so not promised
      }
    };
    for (let n = 0; n < 300; n += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => push(n + i)));
      if (!killed && n >= 100 && victim) {
        process.kill(Number(victim.split(':')[1]), 'SIGKILL');
        killed = true;
      }
    }
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(200);

    const sql = postgres(databaseUrl, { max: 1 });
    try {
      const rows = await sql<{ key: string }[]>`
        select data->>'jail' || '/' || (data->>'id') || '/' || ((data->>'bannedAt')::bigint / 1000) as key
        from events where type = 'BanObserved'`;
      const stored = new Set(rows.map((row) => row.key));
      expect(acknowledged.filter((key) => !stored.has(key))).toEqual([]);
    } finally {
      await sql.end();
    }

    // The supervisor forks a replacement: WORKERS workers answer again, none of them the victim.
    let seen = new Map<string, number>();
    for (let i = 0; i < 40 && seen.size < WORKERS; i++) {
      seen = await untilEveryWorker(() => oneShot(`${cluster.url}/livez`));
      if (seen.size < WORKERS) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(seen.size).toBe(WORKERS);
    expect(cluster.output()).toMatch(
      /worker \d+ \(pid \d+\) exited with signal SIGKILL; restarting/,
    );
  });

  it('SIGTERM drains every worker and the primary exits 0', async () => {
    expect(await cluster.stop()).toBe(0);
    expect(cluster.output()).toContain(`draining ${WORKERS} workers`);
  });
});
