import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DataDirLockedError } from '@bangui/adapters-memory';
import { createDatabase } from '@bangui/adapters-postgres/testing';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { importHistory } from '../../src/cli/import-history-command.ts';
import { runMigrate } from '../../src/cli/migrate-command.ts';
import { CliError } from '../../src/cli/rebuild-command.ts';
import { resetAdminPassword } from '../../src/cli/reset-admin-password.ts';
import { loadConfig } from '../../src/config.ts';
import type { Logger } from '../../src/logger.ts';
import { type RunningServer, startServer } from '../../src/start-server.ts';
import { freshDatabase } from '../helpers/postgres.ts';

const NEW_PASSWORD = 'a-long-new-admin-password';
const quiet: Logger = { info: () => {}, error: () => {} };
const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

let sandbox: Sandbox;
const scratch: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bangui-cli-'));
  scratch.push(dir);
  return dir;
}

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox?.destroy();
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

const memoryConfig = (dataDir: string) =>
  loadConfig({ BANGUI_DATA_DIR: dataDir, BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath });
const postgresConfig = (url: string, dataDir: string) =>
  loadConfig({
    BANGUI_ADAPTER: 'postgres',
    BANGUI_DATABASE_URL: url,
    BANGUI_DATA_DIR: dataDir,
    BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
  });

function start(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer({
    env: {
      BANGUI_PORT: '0',
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_DATA_DIR: dataDir,
      BANGUI_WEB_DIR: join(dataDir, 'no-web'),
      ...env,
    },
    logger: quiet,
    print: () => {},
  });
}

function login(server: RunningServer, password: string): Promise<Response> {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ username: 'admin', password }),
  });
}

describe('bangui migrate', () => {
  it('applies the migrations to a fresh database, then none; memory has nothing to migrate', async () => {
    const dataDir = await tempDir();
    const url = await createDatabase(inject('postgresUrl'));
    const first = await runMigrate(postgresConfig(url, dataDir));
    expect(first).toEqual({ adapter: 'postgres', applied: expect.any(Number) });
    expect(first.adapter === 'postgres' && first.applied).toBeGreaterThan(0);
    expect(await runMigrate(postgresConfig(url, dataDir))).toEqual({
      adapter: 'postgres',
      applied: 0,
    });
    expect(await runMigrate(memoryConfig(dataDir))).toEqual({ adapter: 'memory' });
  });
});

describe('bangui reset-admin-password', () => {
  it('refuses a short password', async () => {
    const dataDir = await tempDir();
    await expect(resetAdminPassword(memoryConfig(dataDir), 'short')).rejects.toBeInstanceOf(
      CliError,
    );
  });

  it('memory: the server started afterwards (no BANGUI_ADMIN_PASSWORD) accepts the new password; refused while it runs', async () => {
    const dataDir = await tempDir();
    // An admin that already exists, with another password.
    let server = await start(dataDir, { BANGUI_ADMIN_PASSWORD: 'the-old-admin-password' });
    expect((await login(server, 'the-old-admin-password')).status).toBe(200);
    await expect(resetAdminPassword(memoryConfig(dataDir), NEW_PASSWORD)).rejects.toBeInstanceOf(
      DataDirLockedError,
    );
    await server.close();

    expect(await resetAdminPassword(memoryConfig(dataDir), NEW_PASSWORD)).toMatchObject({
      created: false,
    });
    server = await start(dataDir);
    try {
      expect((await login(server, 'the-old-admin-password')).status).toBe(401);
      expect((await login(server, NEW_PASSWORD)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('memory, from the command line: creates the admin on a new data dir from stdin', async () => {
    const dataDir = await tempDir();
    const child = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', CLI, 'create-admin', '--data-dir', dataDir],
      { env: { ...process.env, BANGUI_ADAPTER: 'memory', BANGUI_DATA_DIR: dataDir } },
    );
    child.child.stdin?.end(`${NEW_PASSWORD}\n`);
    const { stdout } = await child;
    expect(stdout).toContain('created the admin account');
    const server = await start(dataDir);
    try {
      expect((await login(server, NEW_PASSWORD)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('postgres: sets the password in the database', async () => {
    const dataDir = await tempDir();
    const url = await freshDatabase();
    expect(await resetAdminPassword(postgresConfig(url, dataDir), NEW_PASSWORD)).toMatchObject({
      created: true,
    });
    const server = await start(dataDir, { BANGUI_ADAPTER: 'postgres', BANGUI_DATABASE_URL: url });
    try {
      expect((await login(server, NEW_PASSWORD)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('bangui import-history', () => {
  it("imports the bans in a real fail2ban's database once", async () => {
    const ips = ['192.0.2.141', '192.0.2.142'];
    for (const ip of ips) await sandbox.appendFailures('sshd', ip, 3);
    await vi.waitFor(
      () => {
        const db = new Database(sandbox.dbFile, { readonly: true, fileMustExist: true });
        try {
          const n = db.prepare('SELECT count(*) AS n FROM bans WHERE ip IN (?, ?)').get(...ips) as {
            n: number;
          };
          if (n.n < ips.length) throw new Error('not yet');
        } finally {
          db.close();
        }
      },
      { timeout: 15_000, interval: 100 },
    );
    const dataDir = await tempDir();
    const first = await importHistory(memoryConfig(dataDir), sandbox.dbFile);
    expect(first.imported).toBeGreaterThanOrEqual(ips.length);
    const again = await importHistory(memoryConfig(dataDir), sandbox.dbFile);
    expect(again.imported).toBe(0);
    await expect(
      importHistory(memoryConfig(dataDir), join(dataDir, 'nope.sqlite3')),
    ).rejects.toBeInstanceOf(CliError);
  });
});
