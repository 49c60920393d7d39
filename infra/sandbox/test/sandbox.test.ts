import { access, readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.ts';
import { bannedIps, isProcessAlive, jailList, waitFor } from './fail2ban-cli.ts';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('startSandbox with a real fail2ban-server', () => {
  let sandbox: Sandbox;
  const log: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ action: 'dummy', onLog: (line) => log.push(line) });
  });
  afterAll(async () => {
    await sandbox?.destroy();
  });

  it('runs a server whose socket lists the three sandbox jails', async () => {
    expect(log).toContain('Server ready');
    expect(sandbox.pid()).toEqual(expect.any(Number));
    // fail2ban does not list jails in config order.
    expect((await jailList(sandbox)).sort()).toEqual(['nginx-auth', 'sshd', 'web.login']);
    expect(sandbox.jails).toEqual(['sshd', 'web.login', 'nginx-auth']);
  });

  it('keeps every path inside its own directory', () => {
    for (const file of [sandbox.configDir, sandbox.socketPath, sandbox.dbFile]) {
      expect(file.startsWith(`${sandbox.dir}/`)).toBe(true);
    }
    expect(sandbox.dir).toMatch(/\/bangui-f2b-/);
  });

  it('bans an address once maxretry failures reach the log (web.login: 2)', async () => {
    await sandbox.appendFailures('web.login', '192.0.2.10', 2);
    const banned = await waitFor('ban in web.login', async () => {
      const ips = await bannedIps(sandbox, 'web.login');
      return ips.includes('192.0.2.10') ? ips : undefined;
    });
    expect(banned).toEqual(['192.0.2.10']);
    // The dummy action really ran, through a shell, and touched nothing else.
    const actionLog = await readFile(sandbox.dummyActionFile('web.login'), 'utf8');
    expect(actionLog.split('\n')).toContain('+192.0.2.10');
  });

  it('does not ban below maxretry, and bans IPv6 addresses (sshd: 3)', async () => {
    await sandbox.appendFailures('sshd', '2001:db8::77', 2);
    await sandbox.appendFailures('sshd', '198.51.100.7', 3);
    await waitFor('ban in sshd', async () =>
      (await bannedIps(sandbox, 'sshd')).includes('198.51.100.7') ? true : undefined,
    );
    expect(await bannedIps(sandbox, 'sshd')).not.toContain('2001:db8::77');
    await sandbox.appendFailures('sshd', '2001:db8::77', 1);
    await waitFor('IPv6 ban in sshd', async () =>
      (await bannedIps(sandbox, 'sshd')).includes('2001:db8::77') ? true : undefined,
    );
  });

  it('restores bans from its database after restart, with a new process', async () => {
    const before = sandbox.pid();
    await sandbox.restart();
    const after = sandbox.pid();
    expect(after).toEqual(expect.any(Number));
    expect(after).not.toBe(before);
    expect(before !== undefined && isProcessAlive(before)).toBe(false);
    // Restored bans reach the jails a few hundred ms after "Server ready":
    // fail2ban queues them for the actions thread, so poll.
    const restored = await waitFor('restored bans', async () => {
      const web = await bannedIps(sandbox, 'web.login');
      const ssh = (await bannedIps(sandbox, 'sshd')).sort();
      return web.length === 1 && ssh.length === 2 ? { web, ssh } : undefined;
    });
    expect(restored).toEqual({ web: ['192.0.2.10'], ssh: ['198.51.100.7', '2001:db8::77'] });
    expect((await stat(sandbox.dbFile)).size).toBeGreaterThan(0);
  });

  it('stops without leaving a process or a socket, and stop is idempotent', async () => {
    const pid = sandbox.pid();
    expect(pid).toEqual(expect.any(Number));
    await sandbox.stop();
    await sandbox.stop();
    expect(sandbox.pid()).toBeUndefined();
    expect(isProcessAlive(pid as number)).toBe(false);
    expect(await exists(sandbox.socketPath)).toBe(false);
  });

  it('validates jail names and addresses', async () => {
    expect(() => sandbox.logFile('recidive')).toThrow(/unknown sandbox jail/);
    await expect(sandbox.appendFailures('sshd', 'not-an-ip')).rejects.toThrow(/not an IP/);
    await expect(sandbox.appendFailures('nope', '192.0.2.1')).rejects.toThrow(/unknown/);
  });
});

describe('startSandbox lifecycle', () => {
  it('removes its temp dir on destroy', async () => {
    const sandbox = await startSandbox();
    expect(await exists(sandbox.dir)).toBe(true);
    await sandbox.destroy();
    expect(await exists(sandbox.dir)).toBe(false);
  });

  it('fails with the server output when the server cannot start', async () => {
    // /bin/echo prints its argv and exits 0 without ever saying "Server ready".
    await expect(startSandbox({ fail2banServer: '/bin/echo' })).rejects.toThrow(
      /exited before it was ready: exit code 0[\s\S]*-f -x -c \S+\/etc/,
    );
  });
});
