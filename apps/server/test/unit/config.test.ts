import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/config-error.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bangui-config-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      fail2banSocket: '/var/run/fail2ban/fail2ban.sock',
      fail2banConfigDir: undefined,
      dataDir: resolve('.data'),
      adapter: 'memory',
      workers: 1,
      adminPassword: undefined,
      trustProxy: [],
    });
    expect(config.webDir.endsWith(join('apps', 'web', 'dist'))).toBe(true);
  });

  it('reads valid values', () => {
    const config = loadConfig({
      BANGUI_HOST: '0.0.0.0',
      BANGUI_PORT: '0',
      BANGUI_FAIL2BAN_SOCKET: '/tmp/f2b.sock',
      BANGUI_FAIL2BAN_CONFIG_DIR: '/etc/fail2ban',
      BANGUI_DATA_DIR: '/var/lib/bangui',
      BANGUI_WORKERS: '3',
      BANGUI_ADMIN_PASSWORD: 's3cret',
      BANGUI_WEB_DIR: '/srv/web',
      BANGUI_TRUST_PROXY: '10.0.0.1, 192.168.0.7/16,2001:DB8::/32',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      fail2banSocket: '/tmp/f2b.sock',
      fail2banConfigDir: '/etc/fail2ban',
      dataDir: '/var/lib/bangui',
      workers: 3,
      adminPassword: 's3cret',
      webDir: '/srv/web',
      trustProxy: ['10.0.0.1', '192.168.0.0/16', '2001:db8::/32'],
    });
  });

  it.each([
    ['BANGUI_PORT', '65536'],
    ['BANGUI_PORT', '-1'],
    ['BANGUI_PORT', 'http'],
    ['BANGUI_PORT', '80.5'],
    ['BANGUI_WORKERS', '0'],
    ['BANGUI_WORKERS', 'two'],
    ['BANGUI_ADAPTER', 'redis'],
    ['BANGUI_HOST', ' localhost'],
    ['BANGUI_TRUST_PROXY', '10.0.0.1,not-an-ip'],
    ['BANGUI_ADMIN_PASSWORD', ''],
    ['BANGUI_ADMIN_PASSWORD_FILE', '/nonexistent/bangui-password'],
  ])('%s=%j is refused with a message naming the variable', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}:`));
  });

  it('postgres without a database URL names the variable to set', () => {
    const problems = problemsOf({ BANGUI_ADAPTER: 'postgres', BANGUI_WORKERS: '4' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^BANGUI_DATABASE_URL: BANGUI_ADAPTER=postgres needs the database/);
    expect(problems[0]).toContain('BANGUI_DATABASE_URL_FILE');
  });

  it('postgres reads BANGUI_DATABASE_URL, or the file BANGUI_DATABASE_URL_FILE names', async () => {
    const url = 'postgres://bangui:hunter2@db:5432/bangui';
    expect(loadConfig({ BANGUI_ADAPTER: 'postgres', BANGUI_DATABASE_URL: url })).toMatchObject({
      adapter: 'postgres',
      databaseUrl: url,
    });
    const file = join(dir, 'database-url');
    await writeFile(file, `${url}\n`);
    expect(
      loadConfig({
        BANGUI_ADAPTER: 'postgres',
        BANGUI_DATABASE_URL_FILE: file,
        BANGUI_WORKERS: '4',
      }),
    ).toMatchObject({ adapter: 'postgres', databaseUrl: url, workers: 4 });
  });

  it('refuses both database URL variables, and a bad URL, without quoting the password', async () => {
    const file = join(dir, 'database-url-both');
    await writeFile(file, 'postgres://bangui:hunter2@db/bangui');
    const both = problemsOf({
      BANGUI_ADAPTER: 'postgres',
      BANGUI_DATABASE_URL: 'postgres://bangui:hunter2@db/bangui',
      BANGUI_DATABASE_URL_FILE: file,
    });
    expect(both).toEqual([
      'BANGUI_DATABASE_URL and BANGUI_DATABASE_URL_FILE: set only one of them',
    ]);
    const bad = problemsOf({
      BANGUI_ADAPTER: 'postgres',
      BANGUI_DATABASE_URL: 'mysql://bangui:hunter2@db/bangui',
    });
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^BANGUI_DATABASE_URL: must start with postgres:\/\//);
    expect([...both, ...bad].join('\n')).not.toContain('hunter2');
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ BANGUI_PORT: 'x', BANGUI_WORKERS: '0', BANGUI_ADAPTER: 'mongo' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'BANGUI_ADAPTER',
      'BANGUI_PORT',
      'BANGUI_WORKERS',
    ]);
  });

  it('refuses both password variables together', async () => {
    const file = join(dir, 'both');
    await writeFile(file, 'pw\n');
    const problems = problemsOf({ BANGUI_ADMIN_PASSWORD: 'pw', BANGUI_ADMIN_PASSWORD_FILE: file });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('BANGUI_ADMIN_PASSWORD and BANGUI_ADMIN_PASSWORD_FILE');
  });

  it('reads the password file and trims only its trailing newline', async () => {
    const file = join(dir, 'password');
    await writeFile(file, ' pass word \n');
    expect(loadConfig({ BANGUI_ADMIN_PASSWORD_FILE: file }).adminPassword).toBe(' pass word ');
  });

  it('refuses an empty password file', async () => {
    const file = join(dir, 'empty');
    await writeFile(file, '\n');
    const [problem] = problemsOf({ BANGUI_ADMIN_PASSWORD_FILE: file });
    expect(problem).toMatch(/^BANGUI_ADMIN_PASSWORD_FILE: .* is empty/);
  });

  it('reads BANGUI_AUTH_LOG as an absolute path; unset means stderr', () => {
    expect(loadConfig({ BANGUI_AUTH_LOG: 'logs/auth.log' }).authLogFile).toBe(
      join(process.cwd(), 'logs/auth.log'),
    );
    expect(loadConfig({}).authLogFile).toBeUndefined();
    expect(problemsOf({ BANGUI_AUTH_LOG: ' x' })[0]).toMatch(/^BANGUI_AUTH_LOG: /);
  });

  it('treats an empty non-secret variable as unset', () => {
    expect(loadConfig({ BANGUI_PORT: '', BANGUI_TRUST_PROXY: '' }).port).toBe(8080);
  });

  it('ConfigError.message lists the problems for printing', () => {
    expect(() => loadConfig({ BANGUI_PORT: 'x' })).toThrow(
      /Invalid configuration:\n {2}- BANGUI_PORT:/,
    );
  });
});
