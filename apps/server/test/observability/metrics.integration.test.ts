import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logger.ts';
import { type RunningServer, startServer } from '../../src/start-server.ts';
import { type Exposition, find, parseExposition, sampleValue } from '../helpers/prometheus-text.ts';

const execFileAsync = promisify(execFile);
const TOKEN = 'metrics-token-0123456789abcdef';
const PASSWORD = 'metrics-test-password';
const quiet: Logger = { info: () => {}, error: () => {} };

let sandbox: Sandbox;
let dataDir: string;
let server: RunningServer;
let disabled: RunningServer;

function env(extra: Record<string, string>): Record<string, string> {
  return {
    BANGUI_PORT: '0',
    BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
    BANGUI_ADMIN_PASSWORD: PASSWORD,
    BANGUI_WEB_DIR: join(dataDir, 'no-web'),
    ...extra,
  };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  dataDir = await mkdtemp(join(tmpdir(), 'bangui-metrics-'));
  server = await startServer({
    env: env({ BANGUI_DATA_DIR: join(dataDir, 'on'), BANGUI_METRICS_TOKEN: TOKEN }),
    logger: quiet,
  });
  disabled = await startServer({
    env: env({ BANGUI_DATA_DIR: join(dataDir, 'off') }),
    logger: quiet,
  });
});

afterAll(async () => {
  await server?.close();
  await disabled?.close();
  await sandbox?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function scrape(
  url = server.url,
  token = TOKEN,
): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** fail2ban's own CLI, the reference the metrics are checked against. */
async function cli(...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('/usr/bin/fail2ban-client', [
    '-c',
    sandbox.configDir,
    '-s',
    sandbox.socketPath,
    ...args,
  ]);
  return stdout;
}

async function cliStatus(jail: string) {
  const out = await cli('status', jail);
  const number = (label: string) => {
    const found = new RegExp(`${label}:\\s*(\\d+)`).exec(out)?.[1];
    if (found === undefined) throw new Error(`no '${label}' in:\n${out}`);
    return Number(found);
  };
  return {
    failedCurrent: number('Currently failed'),
    failedTotal: number('Total failed'),
    bannedCurrent: number('Currently banned'),
    bannedTotal: number('Total banned'),
  };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('GET /metrics against the sandboxed fail2ban', () => {
  it("reports every jail with the exporter's names and fail2ban-client's numbers", async () => {
    await sandbox.appendFailures('web.login', '192.0.2.61', 2);
    await sandbox.appendFailures('sshd', '192.0.2.62', 1);
    await until(async () => (await cliStatus('web.login')).bannedCurrent === 1, 'the ban');
    await until(async () => (await cliStatus('sshd')).failedCurrent === 1, 'the failure');

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = parseExposition(res.text);
    expect(sampleValue(m, 'f2b_up')).toBe(1);
    expect(sampleValue(m, 'f2b_jail_count')).toBe(sandbox.jails.length);
    for (const jail of sandbox.jails) {
      const expected = await cliStatus(jail);
      expect(sampleValue(m, 'f2b_jail_banned_current', { jail })).toBe(expected.bannedCurrent);
      expect(sampleValue(m, 'f2b_jail_banned_total', { jail })).toBe(expected.bannedTotal);
      expect(sampleValue(m, 'f2b_jail_failed_current', { jail })).toBe(expected.failedCurrent);
      expect(sampleValue(m, 'f2b_jail_failed_total', { jail })).toBe(expected.failedTotal);
      for (const [metric, setting] of [
        ['f2b_config_jail_ban_time', 'bantime'],
        ['f2b_config_jail_find_time', 'findtime'],
        ['f2b_config_jail_max_retries', 'maxretry'],
      ] as const) {
        expect(sampleValue(m, metric, { jail })).toBe(
          Number((await cli('get', jail, setting)).trim()),
        );
      }
    }
    // The sandbox's table (infra/sandbox/README.md), so a wrong reading of `get` is caught too.
    expect(sampleValue(m, 'f2b_config_jail_ban_time', { jail: 'web.login' })).toBe(-1);
    expect(sampleValue(m, 'f2b_config_jail_find_time', { jail: 'nginx-auth' })).toBe(1800);
    expect(sampleValue(m, 'f2b_config_jail_max_retries', { jail: 'sshd' })).toBe(3);
    expect(sampleValue(m, 'f2b_jail_banned_current', { jail: 'web.login' })).toBe(1);
    expect(sampleValue(m, 'f2b_jail_failed_current', { jail: 'sshd' })).toBe(1);

    const version = find(m, 'f2b_version');
    expect(version).toHaveLength(1);
    expect(version[0]?.value).toBe(1);
    expect(version[0]?.labels.fail2ban).toBe((await cli('version')).trim());
    expect(version[0]?.labels.exporter).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('types every f2b metric as the exporter does (gauges; f2b_errors a counter)', async () => {
    const m = parseExposition((await scrape()).text);
    for (const name of [
      'f2b_up',
      'f2b_jail_count',
      'f2b_jail_banned_current',
      'f2b_jail_banned_total',
      'f2b_jail_failed_current',
      'f2b_jail_failed_total',
      'f2b_config_jail_ban_time',
      'f2b_config_jail_find_time',
      'f2b_config_jail_max_retries',
      'f2b_version',
    ]) {
      expect(m.types.get(name), name).toBe('gauge');
    }
    expect(m.types.get('f2b_errors')).toBe('counter');
    expect(
      find(m, 'f2b_errors')
        .map((s) => s.labels.type)
        .sort(),
    ).toEqual(['socket_conn', 'socket_req']);
  });

  it("counts BanGUI's requests by route pattern, session validations, events and process metrics", async () => {
    const before = parseExposition((await scrape()).text);
    const appendedBefore = sampleValue(before, 'bangui_events_appended_total');
    const invalidBefore = sampleValue(before, 'bangui_session_validations_total', {
      result: 'invalid',
    });
    const stale = { cookie: 'bangui_session=not-a-session' };
    await fetch(`${server.url}/api/jails/sshd`, { headers: stale });
    await fetch(`${server.url}/api/jails/web.login`, { headers: stale });
    // A failed login is audited: one event appended.
    await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'admin', password: 'not the password' }),
    });
    const m: Exposition = parseExposition((await scrape()).text);
    // Both jails under one pattern, refused by the session guard: labels stay bounded whatever the paths.
    expect(
      sampleValue(m, 'bangui_http_requests_total', {
        route: '/api/jails/:jail',
        method: 'GET',
        status_class: '4xx',
      }),
    ).toBe(2);
    expect(
      find(m, 'bangui_http_requests_total').some((s) => s.labels.route?.includes('sshd')),
    ).toBe(false);
    expect(sampleValue(m, 'bangui_session_validations_total', { result: 'invalid' })).toBe(
      invalidBefore + 2,
    );
    expect(sampleValue(m, 'bangui_events_appended_total')).toBeGreaterThan(appendedBefore);
    expect(m.types.get('bangui_projection_lag_events')).toBe('gauge');
    expect(sampleValue(m, 'bangui_projection_lag_events')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(m, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('refuses a wrong or missing token with 401, and is a 404 when no token is configured', async () => {
    expect((await scrape(server.url, 'wrong-token-0123456789abcdef')).status).toBe(401);
    const bare = await fetch(`${server.url}/metrics`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await scrape(disabled.url)).status).toBe(404);
    expect(
      (await fetch(`${disabled.url}/metrics`, { headers: { accept: 'text/html' } })).status,
    ).toBe(404);
  });

  // Last: it stops fail2ban.
  it('answers f2b_up 0 and counts a connection error when fail2ban is down, never a 500', async () => {
    const before = parseExposition((await scrape()).text);
    await sandbox.stop();
    const res = await scrape();
    expect(res.status).toBe(200);
    const m = parseExposition(res.text);
    expect(sampleValue(m, 'f2b_up')).toBe(0);
    expect(find(m, 'f2b_jail_banned_current')).toEqual([]);
    expect(sampleValue(m, 'f2b_errors', { type: 'socket_conn' })).toBe(
      sampleValue(before, 'f2b_errors', { type: 'socket_conn' }) + 1,
    );
  });
});
