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

// Jail control and runtime settings against a real sandboxed fail2ban: every change is
// checked through fail2ban's own CLI, never only through BanGUI's answers.

const execFileAsync = promisify(execFile);
const PASSWORD = 'integration-password';

let sandbox: Sandbox;
let server: RunningServer;
let dataDir: string;
let cookie = '';
const quiet: Logger = { info: () => {}, error: () => {} };

beforeAll(async () => {
  sandbox = await startSandbox();
  dataDir = await mkdtemp(join(tmpdir(), 'bangui-jailctl-'));
  server = await startServer({
    env: {
      BANGUI_PORT: '0',
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_FAIL2BAN_CONFIG_DIR: sandbox.configDir,
      BANGUI_DATA_DIR: dataDir,
      BANGUI_ADMIN_PASSWORD: PASSWORD,
      BANGUI_WEB_DIR: join(dataDir, 'no-web'),
    },
    logger: quiet,
  });
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});

afterAll(async () => {
  await server?.close();
  await sandbox?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function api(
  path: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json', origin: server.url }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** fail2ban-client over the socket only (no -c: get/status never read the config). */
async function cli(...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('/usr/bin/fail2ban-client', [
    '-s',
    sandbox.socketPath,
    ...args,
  ]);
  return stdout.trim();
}

const runningJails = async () =>
  (/Jail list:\s*(.*)$/m.exec(await cli('status'))?.[1] ?? '')
    .split(/,\s*/)
    .filter((j) => j !== '')
    .sort();

describe('jail settings on a real fail2ban', () => {
  it('sets maxretry, bantime and findtime, and fail2ban reports them', async () => {
    const res = await api(
      '/api/jails/sshd/settings',
      { maxretry: 7, bantime: '2h', findtime: 90 },
      'PATCH',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      persisted: false,
      changes: [
        { setting: 'bantime', from: 600, to: 7200 },
        { setting: 'findtime', from: 600, to: 90 },
        { setting: 'maxretry', from: 3, to: 7 },
      ],
    });
    expect(res.body.note).toMatch(/reload/);
    expect(await cli('get', 'sshd', 'maxretry')).toBe('7');
    expect(await cli('get', 'sshd', 'bantime')).toBe('7200');
    expect(await cli('get', 'sshd', 'findtime')).toBe('90');
    expect((await api('/api/jails/sshd')).body.settings.maxretry).toBe(7);
  });

  it('refuses invalid values at the edge without asking fail2ban', async () => {
    for (const body of [{ maxretry: 0 }, { bantime: 'abc' }, { findtime: -1 }, {}]) {
      const res = await api('/api/jails/sshd/settings', body, 'PATCH');
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await cli('get', 'sshd', 'maxretry')).toBe('7');
  });

  it('adds and removes ignoreip entries, and fail2ban lists them', async () => {
    const added = await api('/api/jails/web.login/ignoreip', {
      add: ['192.0.2.77/24', '2001:DB8::77'],
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ added: ['192.0.2.0/24', '2001:db8::77'], persisted: false });
    let listed = await cli('get', 'web.login', 'ignoreip');
    expect(listed).toContain('192.0.2.0/24');
    expect(listed).toContain('2001:db8::77');

    const removed = await api('/api/jails/web.login/ignoreip', { remove: ['192.0.2.0/24'] });
    expect(removed.status).toBe(200);
    listed = await cli('get', 'web.login', 'ignoreip');
    expect(listed).not.toContain('192.0.2.0/24');
    expect(listed).toContain('2001:db8::77');
  });

  it('answers 422 with fail2ban message when fail2ban refuses the change', async () => {
    // Not on the list (any more): fail2ban raises ValueError, BanGUI passes its words on.
    const res = await api('/api/jails/web.login/ignoreip', { remove: ['198.51.100.99'] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('rejected-value');
    expect(res.body.error.message).toBe(
      'fail2ban refused to remove 198.51.100.99 from the ignore list: list.remove(x): x not in list',
    );
  });
});

describe('jail control on a real fail2ban', () => {
  it('stops a jail, then starts it again from the config files', async () => {
    const stopped = await api('/api/jails/nginx-auth/stop', {});
    expect(stopped.status).toBe(200);
    expect(stopped.body).toEqual({ jail: 'nginx-auth', action: 'stop', running: false });
    expect(await runningJails()).toEqual(['sshd', 'web.login']);

    const started = await api('/api/jails/nginx-auth/start', {});
    expect(started.status).toBe(200);
    expect(started.body).toEqual({ jail: 'nginx-auth', action: 'start', running: true });
    expect(await runningJails()).toEqual(['nginx-auth', 'sshd', 'web.login']);
    // Rebuilt from jail.conf: its own maxretry, not a default.
    expect(await cli('get', 'nginx-auth', 'maxretry')).toBe('5');
  });

  it('reloads a jail: runtime changes go back to the config, no jail is lost', async () => {
    expect(await cli('get', 'sshd', 'maxretry')).toBe('7');
    const res = await api('/api/jails/sshd/reload', {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ jail: 'sshd', action: 'reload', running: true });
    expect(await runningJails()).toEqual(['nginx-auth', 'sshd', 'web.login']);
    expect(await cli('get', 'sshd', 'maxretry')).toBe('3');
  });

  it('answers 404 for a jail fail2ban does not have', async () => {
    expect((await api('/api/jails/no-such-jail/stop', {})).status).toBe(404);
    expect((await api('/api/jails/no-such-jail/settings', { maxretry: 4 }, 'PATCH')).status).toBe(
      404,
    );
    const start = await api('/api/jails/no-such-jail/start', {});
    expect(start.status).toBe(404);
    expect(start.body.error.message).toContain("has no jail named 'no-such-jail'");
    expect(await runningJails()).toEqual(['nginx-auth', 'sshd', 'web.login']);
  });

  it('recorded every action in the audit log with actor, address and outcome', async () => {
    const control = await api('/api/audit?type=JailControlRequested');
    const rows = control.body.items
      .map(
        (i: Json) =>
          `${i.actor}@${i.clientAddress} ${i.details.action} ${i.details.jail} ${i.outcome}`,
      )
      .reverse();
    expect(rows.slice(0, 3)).toEqual([
      'admin@127.0.0.1 stop nginx-auth succeeded',
      'admin@127.0.0.1 start nginx-auth succeeded',
      'admin@127.0.0.1 reload sshd succeeded',
    ]);
    const settings = await api('/api/audit?type=JailSettingChanged');
    const changes = settings.body.items
      .map((i: Json) => `${i.details.jail} ${i.details.setting} ${i.outcome}`)
      .reverse();
    expect(changes).toEqual([
      'sshd bantime succeeded',
      'sshd findtime succeeded',
      'sshd maxretry succeeded',
      'web.login ignoreip succeeded',
      'web.login ignoreip succeeded',
      'web.login ignoreip failed',
    ]);
  });
});
