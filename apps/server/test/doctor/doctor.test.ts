import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Fail2banError } from '@bangui/fail2ban';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDataDirLock } from '../../src/doctor/data-checks.ts';
import { checkVersion } from '../../src/doctor/fail2ban-checks.ts';
import { permissionDeniedAdvice } from '../../src/doctor/socket-advice.ts';
import { checkConnect } from '../../src/doctor/socket-checks.ts';
import { freshDatabase } from '../helpers/postgres.ts';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(serverDir, 'node_modules', '.bin', 'tsx');
// Advice must never send an operator to loosen the socket.
const LOOSENING = /chmod|chown|chgrp|setfacl|\bmode\b|0?7[0-7]{2}\b|world-writable/i;

let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  dir = await mkdtemp(join(tmpdir(), 'bangui-doctor-'));
});
afterAll(async () => {
  await sandbox?.destroy();
  await rm(dir, { recursive: true, force: true });
});

function doctor(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      tsx,
      ['src/cli.ts', 'doctor'],
      {
        cwd: serverDir,
        env: { PATH: process.env.PATH ?? '', BANGUI_DATA_DIR: join(dir, 'data'), ...env },
        timeout: 30_000,
      },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

const line = (stdout: string, name: string) =>
  stdout.split('\n').find((l) => new RegExp(`^(OK|WARN|FAIL)\\s+${name}\\s`).test(l)) ?? '';

describe('bangui doctor (real process)', () => {
  it('against the sandboxed fail2ban: every check OK, exit 0', async () => {
    await sandbox.appendFailures('web.login', '192.0.2.91', 2);
    const result = await doctor({ BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(line(result.stdout, 'configuration')).toMatch(/^OK/);
    expect(line(result.stdout, 'fail2ban socket')).toMatch(/^OK/);
    expect(line(result.stdout, 'fail2ban connection')).toMatch(/^OK/);
    expect(line(result.stdout, 'fail2ban version')).toMatch(/^OK\s+fail2ban version\s+1\.0\.2/);
    expect(line(result.stdout, 'jails')).toMatch(/^OK\s+jails\s+3: nginx-auth, sshd, web\.login/);
    expect(line(result.stdout, "fail2ban's database")).toMatch(/^OK .*readable/);
    expect(line(result.stdout, 'data directory')).toMatch(/^OK/);
    expect(result.stdout).not.toMatch(/^(WARN|FAIL)/m);
  });

  it.each([
    ['a missing socket', () => join(dir, 'missing.sock'), /does not exist/],
    [
      'a socket whose directory is missing',
      () => join(dir, 'no-dir', 'f2b.sock'),
      /nor does its directory/,
    ],
    [
      'a path that is a regular file',
      () => join(dir, 'plain-file'),
      /is a regular file, not a socket/,
    ],
  ])('%s: FAIL with what to fix, exit 1', async (_name, socket, detail) => {
    await writeFile(join(dir, 'plain-file'), 'x');
    const result = await doctor({ BANGUI_FAIL2BAN_SOCKET: socket() });
    expect(result.code).toBe(1);
    const failed = line(result.stdout, 'fail2ban socket');
    expect(failed).toMatch(/^FAIL/);
    expect(failed).toMatch(detail);
    expect(result.stdout).toMatch(/fix: (start fail2ban|set BANGUI_FAIL2BAN_SOCKET)/);
    expect(result.stdout).not.toMatch(LOOSENING);
  });

  it('BANGUI_ADAPTER=postgres: the database answers (OK), or not (FAIL, exit 1)', async () => {
    const url = await freshDatabase();
    const reachable = await doctor({
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_ADAPTER: 'postgres',
      BANGUI_DATABASE_URL: url,
    });
    expect(line(reachable.stdout, 'database \\(PostgreSQL\\)')).toMatch(/^OK/);
    expect(reachable.code).toBe(0);
    const down = new URL(url);
    down.port = '1';
    const unreachable = await doctor({
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_ADAPTER: 'postgres',
      BANGUI_DATABASE_URL: down.href,
    });
    expect(line(unreachable.stdout, 'database \\(PostgreSQL\\)')).toMatch(/^FAIL .*unreachable/);
    expect(unreachable.code).toBe(1);
  });

  it('an invalid configuration: FAIL naming the variable, exit 1', async () => {
    const result = await doctor({ BANGUI_PORT: '99999' });
    expect(result.code).toBe(1);
    expect(line(result.stdout, 'configuration')).toMatch(/^FAIL\s+configuration\s+BANGUI_PORT:/);
  });
});

describe('doctor checks', () => {
  it('permission denied: run as root or the owner, never loosen the socket', async () => {
    const advice = permissionDeniedAdvice('/var/run/fail2ban/fail2ban.sock', 0);
    expect(advice).toContain("must run as root or as the socket's owner (uid 0)");
    expect(advice).not.toMatch(LOOSENING);
    const result = await checkConnect(
      '/var/run/fail2ban/fail2ban.sock',
      () => Promise.reject(new Fail2banError('permission-denied', 'EACCES')),
      0,
    );
    expect(result.status).toBe('fail');
    expect(result.fix).toBe(advice);
  });

  it('supports fail2ban 0.11 and 1.x, warns otherwise', () => {
    expect(checkVersion('0.11.2').status).toBe('ok');
    expect(checkVersion('1.0.2').status).toBe('ok');
    expect(checkVersion('1.1.0').status).toBe('ok');
    expect(checkVersion('0.10.6').status).toBe('warn');
    expect(checkVersion('weird').status).toBe('warn');
  });

  it('says when the data directory is locked by a running BanGUI, and when a lock is stale', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked, { recursive: true });
    const lock = (pid: number) =>
      writeFile(
        join(locked, 'bangui.lock'),
        JSON.stringify({ pid, host: hostname(), createdAt: '', nonce: 'n' }),
      );
    await lock(process.pid);
    const running = await checkDataDirLock(locked);
    expect(running.status).toBe('warn');
    expect(running.detail).toContain(`a running BanGUI (pid ${process.pid})`);
    // A pid above the kernel's maximum: certainly not running.
    await lock(2 ** 22 + 1);
    expect((await checkDataDirLock(locked)).detail).toMatch(/^stale lock/);
    expect((await checkDataDirLock(join(dir, 'nowhere'))).status).toBe('ok');
  });
});
