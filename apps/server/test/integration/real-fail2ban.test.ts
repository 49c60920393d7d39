import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logger.ts';
import { type RunningServer, startServer } from '../../src/start-server.ts';
import type { Json } from '../helpers/test-app.ts';

const execFileAsync = promisify(execFile);
const PASSWORD = 'integration-password';
const IDS = ['198.51.100.23', '2001:db8::23', '203.0.113.0/24'];

let sandbox: Sandbox;
let server: RunningServer;
let dataDir: string;
let cookie = '';
const logged: unknown[] = [];
// Only failures of requests (`GET /path failed`): the ingestion jobs running in the
// server rightly log that fail2ban is down while the test stops it.
const logger: Logger = {
  info: () => {},
  error: (message, error) => {
    if (/^(GET|POST|PUT|DELETE) /.test(message)) logged.push(error);
  },
};

beforeAll(async () => {
  sandbox = await startSandbox();
  dataDir = await mkdtemp(join(tmpdir(), 'bangui-int-'));
  server = await startServer({
    env: {
      BANGUI_PORT: '0',
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_DATA_DIR: dataDir,
      BANGUI_ADMIN_PASSWORD: PASSWORD,
      BANGUI_WEB_DIR: join(dataDir, 'no-web'),
    },
    logger,
  });
});

afterAll(async () => {
  await server?.close();
  await sandbox?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function api(
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json', origin: server.url }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** What fail2ban itself says is banned, through its own CLI. */
async function cliBanned(jail: string): Promise<string[]> {
  const { stdout } = await execFileAsync('/usr/bin/fail2ban-client', [
    '-s',
    sandbox.socketPath,
    'status',
    jail,
  ]);
  const line = /Banned IP list:\s*(.*)$/m.exec(stdout)?.[1] ?? '';
  return line
    .split(/\s+/)
    .filter((id) => id.length > 0)
    .sort();
}

describe('BanGUI against a real fail2ban-server', () => {
  it('requires a session, then logs in', async () => {
    expect((await api('/api/jails')).status).toBe(401);
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await api('/api/auth/me')).body).toEqual({ user: { name: 'admin', role: 'admin' } });
  });

  it('lists the sandbox jails with their counters', async () => {
    const { status, body } = await api('/api/jails');
    expect(status).toBe(200);
    expect(body.jails.map((j: { name: string }) => j.name).sort()).toEqual([
      'nginx-auth',
      'sshd',
      'web.login',
    ]);
    for (const jail of body.jails) {
      expect(jail).toEqual({
        name: jail.name,
        currentlyFailed: expect.any(Number),
        totalFailed: expect.any(Number),
        currentlyBanned: 0,
        totalBanned: expect.any(Number),
      });
    }
    const detail = await api('/api/jails/web.login');
    expect(detail.status).toBe(200);
    expect(detail.body.settings.bantime).toBe(-1);
    expect(detail.body.settings.maxretry).toBe(2);
  });

  it.each(['nginx-auth', 'web.login'])(
    'bans IPv4, IPv6 and a CIDR in one request on %s',
    async (jail) => {
      const first = await api(`/api/jails/${jail}/bans`, { ids: IDS });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ requested: 3, banned: 3, changed: true });
      expect(await cliBanned(jail)).toEqual([...IDS].sort());

      const again = await api(`/api/jails/${jail}/bans`, { ids: IDS });
      expect(again.body).toEqual({ requested: 3, banned: 0, changed: false });
      expect(
        (await api('/api/jails')).body.jails.find((j: { name: string }) => j.name === jail)
          .currentlyBanned,
      ).toBe(3);
    },
  );

  it('pages and searches the ban list', async () => {
    const page1 = await api('/api/jails/nginx-auth/bans?limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ total: 3, offset: 0, limit: 2 });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await api('/api/jails/nginx-auth/bans?limit=2&offset=2');
    expect(page2.body.items).toHaveLength(1);
    const all = [...page1.body.items, ...page2.body.items].map((b: { id: string }) => b.id).sort();
    expect(all).toEqual([...IDS].sort());
    for (const ban of page1.body.items) {
      expect(ban.permanent).toBe(false);
      expect(ban.bantimeSeconds).toBe(3600);
      expect(Date.parse(ban.endsAt) - Date.parse(ban.startedAt)).toBe(3_600_000);
    }

    const search = await api(`/api/jails/nginx-auth/bans?q=${encodeURIComponent('2001:db8')}`);
    expect(search.body.items.map((b: { id: string }) => b.id)).toEqual(['2001:db8::23']);
    const inside = await api(`/api/jails/nginx-auth/bans?q=${encodeURIComponent('203.0.113.77')}`);
    expect(inside.body.items.map((b: { id: string }) => b.id)).toEqual(['203.0.113.0/24']);

    const permanent = await api('/api/jails/web.login/bans');
    expect(permanent.body.total).toBe(3);
    for (const ban of permanent.body.items) {
      expect(ban).toMatchObject({ permanent: true, endsAt: null, bantimeSeconds: -1 });
    }
  });

  it('shows which jails an IP is banned in', async () => {
    const res = await api(`/api/ips/${encodeURIComponent('2001:DB8:0::23')}`);
    expect(res.status).toBe(200);
    expect(res.body.ip).toBe('2001:db8::23');
    expect([...res.body.bannedIn].sort()).toEqual(['nginx-auth', 'web.login']);
  });

  it.each(['nginx-auth', 'web.login'])('unbans on %s, idempotently', async (jail) => {
    const first = await api(`/api/jails/${jail}/unban`, { ids: IDS });
    expect(first.body).toEqual({ requested: 3, unbanned: 3, changed: true });
    expect(await cliBanned(jail)).toEqual([]);
    const again = await api(`/api/jails/${jail}/unban`, { ids: IDS });
    expect(again.body).toEqual({ requested: 3, unbanned: 0, changed: false });
    expect((await api(`/api/jails/${jail}/bans`)).body.total).toBe(0);
  });

  it('unbans an ID that is not an address exactly as fail2ban reported it', async () => {
    // fail2ban bans raw strings too (here through its own CLI); BanGUI must be able to lift them.
    await execFileAsync('/usr/bin/fail2ban-client', [
      '-s',
      sandbox.socketPath,
      'set',
      'sshd',
      'banip',
      'not-an-ip',
    ]);
    expect(await cliBanned('sshd')).toContain('not-an-ip');
    const listed = await api('/api/jails/sshd/bans?q=not-an');
    expect(listed.body.items.map((b: { id: string }) => b.id)).toEqual(['not-an-ip']);
    const res = await api('/api/jails/sshd/unban', { ids: ['not-an-ip'] });
    expect(res.body).toEqual({ requested: 1, unbanned: 1, changed: true });
    expect(await cliBanned('sshd')).not.toContain('not-an-ip');
    const ban = await api('/api/jails/sshd/bans', { ids: ['not-an-ip'] });
    expect(ban.status).toBe(400);
    expect(ban.body.error.message).toContain('not-an-ip');
  });

  it('answers 404 for a jail fail2ban does not have', async () => {
    const res = await api('/api/jails/no-such-jail/bans', { ids: ['192.0.2.1'] });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('unknown-jail');
  });

  it('reports fail2ban down with 503 and recovers after it restarts, without restarting BanGUI', async () => {
    await sandbox.stop();
    const ready = await api('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('unavailable');
    expect(ready.body.error.message).toMatch(/^fail2ban is unreachable/);
    const jails = await api('/api/jails');
    expect(jails.status).toBe(503);
    expect(jails.body.error.message).toMatch(/^fail2ban is unreachable/);
    expect(logged).toEqual([]);

    await sandbox.restart();
    // The client reconnects on its own; readiness may take a few attempts while
    // the new server finishes starting its jails.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      status = (await api('/readyz')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    const after = await api('/api/jails');
    expect(after.status).toBe(200);
    expect(after.body.jails).toHaveLength(3);
  });
});
