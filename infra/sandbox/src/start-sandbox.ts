import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { formatFailureLine } from './failure-line.ts';
import { renderConfig, type SandboxAction } from './render-config.ts';
import { isSandboxJail, SANDBOX_JAILS } from './sandbox-jails.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

export interface SandboxOptions {
  /** Sandbox directory; default a fresh temp dir (`bangui-f2b-*`), removed by destroy(). */
  dir?: string;
  /** 'noop' (default, fastest) or 'dummy' (writes +ip/-ip to `<dir>/run/dummy-<jail>.txt`). */
  action?: SandboxAction;
  fail2banServer?: string;
  /** Every line the server prints on stdout/stderr (its own log goes to `serverLogFile`). */
  onLog?: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface Sandbox {
  dir: string;
  configDir: string;
  socketPath: string;
  dbFile: string;
  /** fail2ban's own log (logtarget). */
  serverLogFile: string;
  jails: readonly string[];
  /** The log the jail watches. Throws for an unknown jail. */
  logFile(jail: string): string;
  /** The file the 'dummy' action appends `+ip` / `-ip` lines to. */
  dummyActionFile(jail: string): string;
  /** Appends `count` (default 1) failed-login lines for `ip` to the jail's log. */
  appendFailures(jail: string, ip: string, count?: number): Promise<void>;
  pid(): number | undefined;
  stop(): Promise<void>;
  /**
   * stop() then start again on the same dir and socket. Bans come back from
   * the db, but asynchronously: fail2ban queues them for each jail's actions
   * thread, so they show up about 0.2-0.5 s after this resolves.
   */
  restart(): Promise<void>;
  /** stop() and remove the dir if it is a temp dir created by startSandbox. */
  destroy(): Promise<void>;
}

const execFileAsync = promisify(execFile);

// Users and ports cycle deterministically: the lines only need to look real.
const USERS = ['root', 'admin', 'ubuntu', 'oracle', 'test', 'git', 'postgres', 'pi'];

/** Starts a real fail2ban-server confined to its own directory, with a harmless action. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const ownsDir = options.dir === undefined;
  const dir = path.resolve(options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'bangui-f2b-'))));
  const fail2banServer = options.fail2banServer ?? '/usr/bin/fail2ban-server';
  const configDir = path.join(dir, 'etc');
  const socketPath = path.join(dir, 'run', 'fail2ban.sock');
  const pidFile = path.join(dir, 'run', 'fail2ban.pid');
  const dbFile = path.join(dir, 'db', 'fail2ban.sqlite3');
  const serverLogFile = path.join(dir, 'fail2ban.log');

  const logFile = (jail: string): string => path.join(dir, 'log', `${knownJail(jail)}.log`);
  const dummyActionFile = (jail: string): string =>
    path.join(dir, 'run', `dummy-${knownJail(jail)}.txt`);

  try {
    await renderConfig({ sandboxDir: dir, configDir, action: options.action ?? 'noop' });
    for (const sub of ['run', 'db', 'log']) await mkdir(path.join(dir, sub), { recursive: true });
    // The polling backend refuses a jail whose log file does not exist.
    for (const jail of SANDBOX_JAILS) await writeFile(logFile(jail), '', { flag: 'a' });
    await testConfig(fail2banServer, configDir);
  } catch (error) {
    if (ownsDir) await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const launch = () =>
    startServerProcess({
      fail2banServer,
      configDir,
      leftovers: [socketPath, pidFile],
      onLog: options.onLog,
      readyTimeoutMs: options.readyTimeoutMs ?? 10_000,
      stopTimeoutMs: 5_000,
    });

  let server: ServerProcess | undefined;
  try {
    server = await launch();
  } catch (error) {
    if (ownsDir) await rm(dir, { recursive: true, force: true });
    throw error;
  }

  let lineCounter = 0;
  const stop = async () => {
    await server?.stop();
  };

  return {
    dir,
    configDir,
    socketPath,
    dbFile,
    serverLogFile,
    jails: SANDBOX_JAILS,
    logFile,
    dummyActionFile,
    async appendFailures(jail, ip, count = 1) {
      if (isIP(ip) === 0) throw new Error(`not an IP address: ${ip}`);
      if (!Number.isInteger(count) || count < 1) throw new Error(`count must be >= 1: ${count}`);
      const now = new Date();
      let text = '';
      for (let i = 0; i < count; i++) {
        lineCounter++;
        const user = USERS[lineCounter % USERS.length] ?? 'root';
        text += `${formatFailureLine(now, user, ip, 1024 + ((lineCounter * 7919) % 64000))}\n`;
      }
      // One append per call: O_APPEND keeps concurrent writers' lines whole.
      await appendFile(logFile(jail), text);
    },
    pid: () => server?.pid,
    stop,
    async restart() {
      await stop();
      server = undefined;
      server = await launch();
    },
    async destroy() {
      await stop();
      if (ownsDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

function knownJail(jail: string): string {
  if (!isSandboxJail(jail)) {
    throw new Error(
      `unknown sandbox jail ${JSON.stringify(jail)}; have ${SANDBOX_JAILS.join(', ')}`,
    );
  }
  return jail;
}

/**
 * `fail2ban-server -t` costs about 0.15 s and turns a broken template into a
 * precise message instead of a server that exits with a vague one.
 */
async function testConfig(fail2banServer: string, configDir: string): Promise<void> {
  try {
    await execFileAsync(fail2banServer, ['-c', configDir, '-t'], { timeout: 10_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const output = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim();
    throw new Error(
      `fail2ban configuration test failed for ${configDir}: ${e.message}${output ? `\n${output}` : ''}`,
    );
  }
}
