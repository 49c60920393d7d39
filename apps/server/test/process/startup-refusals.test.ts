import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(serverDir, 'node_modules', '.bin', 'tsx');

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bangui-refusal-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** A port nobody uses right now: bind to 0, read it, release it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function runMain(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      tsx,
      ['src/main.ts'],
      { cwd: serverDir, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({ code: child.exitCode ?? (error ? 1 : 0), stdout, stderr });
      },
    );
  });
}

async function connects(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/livez`);
    return true;
  } catch {
    return false;
  }
}

describe('startup refusals (real process)', () => {
  it('BANGUI_WORKERS=2 with the memory adapter exits non-zero before listening, naming both fixes', async () => {
    const port = await freePort();
    const refusedDataDir = join(dataDir, 'refused');
    const result = await runMain({
      BANGUI_WORKERS: '2',
      BANGUI_PORT: String(port),
      BANGUI_DATA_DIR: refusedDataDir,
      BANGUI_ADMIN_PASSWORD: 'pw',
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain("'memory' adapter set");
    expect(result.stderr).toContain('BANGUI_ADAPTER=postgres');
    expect(result.stderr).toContain('BANGUI_WORKERS=1');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('listening');
    expect(await connects(port)).toBe(false);
    // The refusal comes before the admin account stage: nothing was written.
    expect(existsSync(refusedDataDir)).toBe(false);
  });

  it.each([
    ['a data dir that is a file', { BANGUI_DATA_DIR: 'FILE' }, 'BANGUI_DATA_DIR: cannot use'],
    [
      'a socket path that is a directory',
      { BANGUI_FAIL2BAN_SOCKET: 'DIR' },
      'is a directory, not a socket',
    ],
    ['a host that is no address here', { BANGUI_HOST: '999.1.1.1' }, 'BANGUI_HOST=999.1.1.1'],
  ])('%s exits 1 with a clear message and no stack trace', async (_name, vars, message) => {
    const file = join(dataDir, 'plain-file');
    await writeFile(file, 'x');
    const env: Record<string, string> = {
      BANGUI_PORT: '0',
      BANGUI_DATA_DIR: join(dataDir, 'ok'),
      BANGUI_ADMIN_PASSWORD: 'pw',
      BANGUI_FAIL2BAN_SOCKET: join(dataDir, 'no.sock'),
    };
    for (const [key, value] of Object.entries(vars)) {
      env[key] = value === 'FILE' ? file : value === 'DIR' ? dataDir : value;
    }
    const result = await runMain(env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('listening');
  });

  it('a second BanGUI on the same data dir refuses to start, naming the holder pid', async () => {
    const shared = join(dataDir, 'shared');
    const first = spawn(tsx, ['src/main.ts'], {
      cwd: serverDir,
      env: {
        PATH: process.env.PATH ?? '',
        BANGUI_PORT: '0',
        BANGUI_DATA_DIR: shared,
        BANGUI_ADMIN_PASSWORD: 'pw',
        BANGUI_FAIL2BAN_SOCKET: join(dataDir, 'no.sock'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => first.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      first.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('BanGUI listening on')) resolve();
      });
      first.once('exit', () => reject(new Error(`first exited: ${out}`)));
    });
    const second = await runMain({
      BANGUI_PORT: '0',
      BANGUI_DATA_DIR: shared,
      BANGUI_ADMIN_PASSWORD: 'pw',
      BANGUI_FAIL2BAN_SOCKET: join(dataDir, 'no.sock'),
    });
    first.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/data directory is in use: .*held by pid \d+/);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(second.stdout).not.toContain('listening');
  });

  it('a bad variable exits 1 with a message naming it and no stack trace', async () => {
    const result = await runMain({ BANGUI_PORT: '99999', BANGUI_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BANGUI_PORT:');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('normal start and stop (real process)', () => {
  it('prints the URL, serves /livez, and exits 0 on SIGTERM', async () => {
    const child = spawn(tsx, ['src/main.ts'], {
      cwd: serverDir,
      env: {
        PATH: process.env.PATH ?? '',
        BANGUI_PORT: '0',
        BANGUI_DATA_DIR: join(dataDir, 'run'),
        BANGUI_ADMIN_PASSWORD: 'pw',
        BANGUI_FAIL2BAN_SOCKET: join(dataDir, 'no.sock'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /BanGUI listening on (http:\/\/[^\s"]+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`exited before listening: ${out}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/livez`);
    expect(await res.json()).toEqual({ status: 'ok' });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/livez`)).rejects.toThrow();
  });
});
