import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFail2banClient, type Fail2banClient, reloadJail } from '../../src/index.ts';

const execFileAsync = promisify(execFile);
let sandbox: Sandbox;
let client: Fail2banClient;

/** What fail2ban-client itself lists for a jail (independent of our client). */
async function cliBannedIds(jail: string): Promise<string[]> {
  const { stdout } = await execFileAsync('/usr/bin/fail2ban-client', [
    '-s',
    sandbox.socketPath,
    'status',
    jail,
  ]);
  const line = stdout.split('\n').find((l) => l.includes('Banned IP list:')) ?? '';
  return line.split('Banned IP list:')[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

async function waitFor<T>(probe: () => Promise<T | undefined>, attempts = 60): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not reached');
}

beforeAll(async () => {
  sandbox = await startSandbox({ action: 'noop' });
  client = createFail2banClient({ socketPath: sandbox.socketPath });
});

afterAll(async () => {
  await client?.close();
  await sandbox?.destroy();
});

describe('fail2ban client against a real fail2ban-server', () => {
  it('pings, reads the version and lists the sandbox jails', async () => {
    await expect(client.ping()).resolves.toBeUndefined();
    expect(await client.version()).toMatch(/^\d+\.\d+\.\d+/);
    expect((await client.status()).jails.sort()).toEqual([...sandbox.jails].sort());
  });

  it('reads jail settings as configured in the sandbox jail.conf', async () => {
    const [sshd, web, nginx] = await Promise.all(
      ['sshd', 'web.login', 'nginx-auth'].map((j) => client.jailSettings(j)),
    );
    expect(sshd).toMatchObject({ bantime: 600, findtime: 600, maxretry: 3, usedns: 'no' });
    expect(sshd?.bantimeIncrement).toMatchObject({ enabled: true, factor: '1', maxtime: 604800 });
    expect(sshd?.logpath).toEqual([sandbox.logFile('sshd')]);
    expect(sshd?.ignoreip).toEqual(['127.0.0.0/8', '::1']);
    expect(web).toMatchObject({ bantime: -1, maxretry: 2 });
    expect(nginx).toMatchObject({ bantime: 3600, findtime: 1800, maxretry: 5 });
  });

  it('bans several ids in one call, idempotently, and fail2ban-client lists them', async () => {
    const ids = ['192.0.2.11', '2001:DB8:0:0:0:0:0:52', '198.51.100.0/24'];
    await expect(client.ban('nginx-auth', ids)).resolves.toEqual({ banned: 3 });
    expect((await cliBannedIds('nginx-auth')).sort()).toEqual(
      ['192.0.2.11', '2001:db8::52', '198.51.100.0/24'].sort(),
    );
    await expect(client.ban('nginx-auth', ids)).resolves.toEqual({ banned: 0 });
    expect(await client.isBanned('nginx-auth', ['2001:db8::52'])).toEqual([true]);
    expect(await client.isBanned('nginx-auth', ['192.0.2.11', '192.0.2.99'])).toEqual([
      true,
      false,
    ]);
    const where = await client.bannedIn(['192.0.2.11', '192.0.2.99']);
    expect(where.get('192.0.2.11')).toEqual(['nginx-auth']);
    expect(where.get('192.0.2.99')).toEqual([]);
    const status = await client.jailStatus('nginx-auth', 'basic');
    expect(status.currentlyBanned).toBe(3);
    expect(status.bannedIds?.sort()).toEqual((await cliBannedIds('nginx-auth')).sort());

    await expect(client.unban('nginx-auth', ['192.0.2.11', '2001:db8::52'])).resolves.toEqual({
      unbanned: 2,
    });
    expect(await cliBannedIds('nginx-auth')).toEqual(['198.51.100.0/24']);
    await expect(client.unban('nginx-auth', ['198.51.100.0/24'])).resolves.toEqual({ unbanned: 1 });
  });

  it('refuses to ban something that is not an IP, and can unban a raw id fail2ban holds', async () => {
    await expect(client.ban('sshd', ['192.0.2.1', 'not-an-ip'])).rejects.toMatchObject({
      code: 'invalid-argument',
      invalidIds: ['not-an-ip'],
    });
    expect(await cliBannedIds('sshd')).toEqual([]);
    // Such ids exist in fail2ban when banned by other tools; the raw request can make one.
    await client.request(['set', 'sshd', 'banip', 'not-an-ip']);
    await expect(client.unban('sshd', ['not-an-ip'])).resolves.toEqual({ unbanned: 1 });
  });

  it('shows a ban triggered by log lines with sane times (permanent in web.login)', async () => {
    const before = Date.now();
    await sandbox.appendFailures('web.login', '203.0.113.77', 2);
    await sandbox.appendFailures('sshd', '203.0.113.78', 3);
    const web = await waitFor(async () =>
      (await client.bans('web.login')).find((b) => b.id === '203.0.113.77'),
    );
    expect(web.permanent).toBe(true);
    expect(web.endsAt).toBeNull();
    expect(web.bantimeSeconds).toBe(-1);
    const ssh = await waitFor(async () =>
      (await client.bans('sshd')).find((b) => b.id === '203.0.113.78'),
    );
    // Start = time of the last failure, second resolution, written in local time.
    expect(ssh.startedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 60_000);
    expect(ssh.startedAt).toBeLessThanOrEqual(Date.now());
    expect(ssh.permanent).toBe(false);
    expect(ssh.endsAt).toBe(ssh.startedAt + ssh.bantimeSeconds * 1000);
    expect(ssh.bantimeSeconds).toBeGreaterThanOrEqual(600);
    const status = await client.jailStatus('web.login');
    expect(status.totalFailed).toBeGreaterThanOrEqual(2);
    expect(status.bannedIds).toBeUndefined();
  });

  it('maps fail2ban exceptions to typed errors', async () => {
    await expect(client.jailStatus('no-such-jail')).rejects.toMatchObject({
      code: 'unknown-jail',
      jail: 'no-such-jail',
    });
    await expect(client.request(['set', 'sshd', 'maxretry', 'abc'])).rejects.toMatchObject({
      code: 'rejected-value',
      pythonType: 'builtins.ValueError',
    });
    await expect(client.ping()).resolves.toBeUndefined();
  });

  it("never turns a jail command for 'logtarget' into a server setting change", async () => {
    const settings = async () => [
      await client.request(['get', 'logtarget']),
      await client.request(['get', 'dbpurgeage']),
    ];
    const before = await settings();
    const attempts = [
      client.ban('logtarget', ['192.0.2.9']),
      client.unban('logtarget', ['192.0.2.9']),
      client.isBanned('logtarget', ['192.0.2.9']),
      client.bans('logtarget'),
      client.jailStatus('logtarget'),
      client.jailSettings('logtarget'),
      client.ban('dbpurgeage', ['192.0.2.9']),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toMatchObject({ code: 'unknown-jail' });
    }
    expect(await settings()).toEqual(before);
    await expect(client.ping()).resolves.toBeUndefined();
  });

  it('reloads a jail through fail2ban-client and keeps every jail', async () => {
    await reloadJail({ socketPath: sandbox.socketPath, configDir: sandbox.configDir }, 'sshd');
    await reloadJail({ socketPath: sandbox.socketPath, configDir: sandbox.configDir });
    expect((await client.status()).jails.sort()).toEqual([...sandbox.jails].sort());
  });

  it('survives a fail2ban restart without being recreated', async () => {
    await client.ping();
    const states: boolean[] = [];
    const unsubscribe = client.onStateChange((c) => states.push(c));
    await sandbox.stop();
    // While fail2ban is down, calls fail fast with a clear, retryable error.
    const down = await client.ping().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(down).toMatchObject({ retryable: true });
    expect(['socket-missing', 'connection-refused']).toContain((down as { code: string }).code);
    await sandbox.restart();
    await expect(client.ping()).resolves.toBeUndefined();
    expect((await client.status()).jails.sort()).toEqual([...sandbox.jails].sort());
    expect(states).toEqual([false, true]);
    unsubscribe();
  });
});
