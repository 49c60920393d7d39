import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError } from '@bangui/adapters-memory';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rebuildFromDataDir } from '../../src/cli/rebuild-command.ts';
import type { Logger } from '../../src/logger.ts';
import { type RunningServer, startServer } from '../../src/start-server.ts';
import { openSse } from '../helpers/sse-client.ts';
import type { Json } from '../helpers/test-app.ts';

const PASSWORD = 'integration-password';
const WAIT = { timeout: 10_000, interval: 100 };

let sandbox: Sandbox;
let server: RunningServer;
let dataDir: string;
let cookie = '';
const logged: unknown[] = [];
const logger: Logger = { info: () => {}, error: (message, error) => logged.push([message, error]) };

const start = () =>
  startServer({
    env: {
      BANGUI_PORT: '0',
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_DATA_DIR: dataDir,
      BANGUI_ADMIN_PASSWORD: PASSWORD,
      BANGUI_WEB_DIR: join(dataDir, 'no-web'),
      BANGUI_POLL_SECONDS: '1',
    },
    logger,
  });

beforeAll(async () => {
  sandbox = await startSandbox();
  dataDir = await mkdtemp(join(tmpdir(), 'bangui-history-'));
  server = await start();
});

afterAll(async () => {
  await server?.close();
  await sandbox?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function login(password: string): Promise<Response> {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ username: 'admin', password }),
  });
}

async function api(
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json; res: Response }> {
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json', origin: server.url }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.clone().text();
  const isJson = res.headers.get('content-type')?.startsWith('application/json');
  return { status: res.status, body: isJson && text ? JSON.parse(text) : text, res };
}

/** Polls a GET until `check` passes: the read models follow the log asynchronously. */
function eventually<T>(path: string, check: (body: Json) => T): Promise<T> {
  return vi.waitFor(async () => check((await api(path)).body), WAIT);
}

describe('history, audit and live events against a real fail2ban', () => {
  it('records a failed login with the tried name, then signs in', async () => {
    expect((await login('wrong')).status).toBe(401);
    const res = await login(PASSWORD);
    expect(res.status).toBe(200);
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    await eventually('/api/audit?type=LoginFailed', (body) =>
      expect(body.items).toEqual([
        expect.objectContaining({
          actor: 'admin',
          outcome: 'failed',
          reason: 'invalid-credentials',
          clientAddress: '127.0.0.1',
          details: { username: 'admin' },
        }),
      ]),
    );
  });

  it('a ban through the API is in the history (actor admin) and the audit log (client address)', async () => {
    expect((await api('/api/jails/sshd/bans', { ids: ['198.51.100.71'] })).body).toMatchObject({
      banned: 1,
    });
    await eventually('/api/history?jail=sshd&address=198.51.100.71', (body) =>
      expect(body.items).toEqual([
        expect.objectContaining({
          kind: 'ban',
          origin: 'poll',
          actor: 'admin',
          bantimeSeconds: 600,
        }),
      ]),
    );
    await eventually('/api/audit?type=BanRequested', (body) =>
      expect(body.items[0]).toMatchObject({
        actor: 'admin',
        clientAddress: '127.0.0.1',
        outcome: 'succeeded',
        details: { jail: 'sshd', ids: ['198.51.100.71'], changed: 1 },
      }),
    );
  });

  it('an unban through the API ends that ban lifted-through-bangui', async () => {
    expect((await api('/api/jails/sshd/unban', { ids: ['198.51.100.71'] })).body).toMatchObject({
      unbanned: 1,
    });
    const items = await eventually('/api/history?address=198.51.100.71', (body) => {
      expect(body.items).toHaveLength(2);
      return body.items;
    });
    expect(items[0]).toMatchObject({
      kind: 'unban',
      reason: 'lifted-through-bangui',
      actor: 'admin',
    });
    expect(items[0].bannedAt).toBe(items[1].bannedAt);
  });

  it('streams new events, and a reconnect with Last-Event-ID gets only the later ones', async () => {
    const url = `${server.url}/api/events/stream`;
    expect((await openSse(url, {})).status).toBe(401);
    const first = await openSse(url, { cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/event-stream');
    expect(first.headers.get('x-accel-buffering')).toBe('no');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    await api('/api/jails/web.login/bans', { ids: ['198.51.100.72'] });
    const requested = await first.next((m) => m.event === 'BanRequested');
    expect(JSON.parse(requested.data)).toMatchObject({
      stream: expect.stringMatching(/^audit-\d{4}-\d{2}-\d{2}$/),
      data: { jail: 'web.login', ids: ['198.51.100.72'], actor: 'admin' },
      recordedAt: expect.stringMatching(/Z$/),
    });
    const observed = await first.next((m) => m.event === 'BanObserved');
    expect(BigInt(observed.id ?? 0)).toBeGreaterThan(BigInt(requested.id ?? 0));
    first.close();

    const resumed = await openSse(url, { cookie, 'last-event-id': requested.id ?? '' });
    const again = await resumed.next();
    expect(again).toEqual(observed);
    resumed.close();
  });

  it('stats count the ban in its jail’s bucket; the CSV export has the header and the ban', async () => {
    const stats = await api('/api/stats?range=24h');
    expect(stats.status).toBe(200);
    expect(stats.body.topJails).toEqual(
      expect.arrayContaining([
        { jail: 'web.login', bans: 1 },
        { jail: 'sshd', bans: 1 },
      ]),
    );
    const series = stats.body.series.find((s: { jail: string }) => s.jail === 'web.login');
    expect(series.points.reduce((n: number, p: { bans: number }) => n + p.bans, 0)).toBe(1);

    const csv = await api('/api/history.csv?jail=web.login');
    expect(csv.res.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
    const lines = (csv.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^time,event,jail,id,banned_at,/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/,ban,web\.login,198\.51\.100\.72,/)]);
  });

  it('the dossier of an address shows its bans', async () => {
    const { body } = await api('/api/ips/198.51.100.72');
    expect(body).toMatchObject({
      ip: '198.51.100.72',
      bannedIn: ['web.login'],
      dossier: { timesBanned: 1, jails: [{ jail: 'web.login', bans: 1 }] },
    });
    expect(body.dossier.currentlyBannedIn).toEqual([
      { jail: 'web.login', bannedAt: expect.any(String), endsAt: null, endsBeyondRange: false },
    ]);
  });

  it('rebuild: in place and from the CLI give the same digest; the CLI refuses while BanGUI runs', async () => {
    await expect(rebuildFromDataDir(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
    const live = await api('/api/admin/rebuild', {});
    expect(live.status).toBe(200);
    expect(live.body.projections.history.count).toBe(3);
    // An open event stream must not hold close() open.
    const stream = await openSse(`${server.url}/api/events/stream`, { cookie });
    expect(stream.status).toBe(200);
    await server.close();
    const offline = await rebuildFromDataDir(dataDir);
    expect(offline).toEqual(live.body);
  });

  it('after a restart on the same data dir the history is still there (journal replay)', async () => {
    server = await start();
    const res = await login(PASSWORD);
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { body } = await api('/api/history?address=198.51.100.71');
    expect(body.items.map((e: { kind: string }) => e.kind)).toEqual(['unban', 'ban']);
    expect(logged).toEqual([]);
  });
});
