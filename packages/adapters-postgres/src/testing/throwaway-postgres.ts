import { execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ThrowawayPostgresOptions {
  /** where initdb, postgres, pg_ctl, pg_isready and createdb live */
  binDir?: string;
  /** database created for the tests (default 'bangui_test') */
  database?: string;
  /** how long to wait for the server to accept connections (default 30 s) */
  startTimeoutMs?: number;
}

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  readonly url: string;
  readonly port: number;
  /** the temporary directory holding the cluster, its socket and its log */
  readonly dir: string;
  /** stops the server (pg_ctl stop -m fast) and deletes the directory; safe to call twice */
  stop(): Promise<void>;
  /**
   * Stops the server but keeps its data (pg_ctl stop -m fast: open connections
   * are terminated), for tests of how clients behave while PostgreSQL is down.
   */
  pause(): Promise<void>;
  /** starts a paused server again on the same port with the same data */
  resume(): Promise<void>;
}

const DEFAULT_BIN_DIR = '/usr/lib/postgresql/15/bin';
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
// A free port can be taken by someone else between our probe and the server's
// bind (other packages start servers in parallel): try again with a new one.
const START_ATTEMPTS = 3;

/**
 * Starts a PostgreSQL cluster for tests only, in a fresh temporary directory,
 * listening on a free loopback port with trust authentication and fsync off
 * (durability is worthless for data deleted at the end; never do this in
 * production). The caller must call stop(); a process exit stops it too.
 *
 * As root, every PostgreSQL binary runs as the `postgres` OS user through
 * runuser (initdb and postgres refuse to run as root); otherwise they run as
 * the current user.
 */
export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const binDir = options.binDir ?? DEFAULT_BIN_DIR;
  const database = options.database ?? 'bangui_test';
  if (!DATABASE_NAME.test(database)) throw new TypeError(`bad database name: ${database}`);
  if (!existsSync(join(binDir, 'initdb'))) {
    throw new Error(
      `PostgreSQL is not installed (${join(binDir, 'initdb')} is missing): apt-get install postgresql`,
    );
  }

  const dir = mkdtempSync(join(tmpdir(), 'bangui-pg-'));
  const asPostgres = process.getuid?.() === 0;
  if (asPostgres) {
    chownSync(dir, postgresId('-u'), postgresId('-g'));
  }
  const command = (binary: string, args: string[]): [string, string[]] =>
    asPostgres
      ? ['runuser', ['-u', 'postgres', '--', join(binDir, binary), ...args]]
      : [join(binDir, binary), args];
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');

  let started = false;
  const stopSync = (): void => {
    // Last resort on process exit (a test run killed or crashed before teardown).
    if (started) {
      try {
        execFileSync(...command('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']), {
          stdio: 'ignore',
          cwd: dir,
        });
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);

  try {
    // --no-sync: a test cluster need not survive a power cut. -A trust: only
    // loopback and our own socket directory can reach it, and it lives minutes.
    await run(
      ...command('initdb', [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ]),
      { cwd: dir },
    );

    let port = 0;
    for (let attempt = 1; !started; attempt++) {
      port = await freeLoopbackPort();
      try {
        await startServer(command, dir, dataDir, logFile, port, options.startTimeoutMs ?? 30_000);
        started = true;
      } catch (error) {
        if (attempt >= START_ATTEMPTS) throw error;
      }
    }
    await run(
      ...command('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]),
      {
        cwd: dir,
      },
    );

    let stopping: Promise<void> | undefined;
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/${database}`,
      port,
      dir,
      async pause() {
        await run(...command('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']), { cwd: dir });
      },
      async resume() {
        await startServer(command, dir, dataDir, logFile, port, timeoutMs);
      },
      stop() {
        stopping ??= (async () => {
          try {
            await run(...command('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']), {
              cwd: dir,
            });
            started = false;
          } finally {
            stopSync();
            process.removeListener('exit', stopSync);
          }
        })();
        return stopping;
      },
    };
  } catch (error) {
    stopSync();
    process.removeListener('exit', stopSync);
    throw error;
  }
}

async function startServer(
  command: (binary: string, args: string[]) => [string, string[]],
  dir: string,
  dataDir: string,
  logFile: string,
  port: number,
  timeoutMs: number,
): Promise<void> {
  const [cmd, args] = command('pg_ctl', [
    'start',
    '-D',
    dataDir,
    '-l',
    logFile,
    // pg_ctl start -w waits for the server itself; pg_isready below confirms
    // the TCP listener we hand out answers.
    '-w',
    '-t',
    String(Math.ceil(timeoutMs / 1000)),
    '-o',
    [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${dir}`,
      // tests only: no durability needed for a cluster deleted at the end
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      // test files run in parallel, each test opens two adapter sets (a pool and a LISTEN connection each)
      '-c max_connections=300',
    ].join(' '),
  ]);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: dir, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '(no log)';
    throw new Error(`PostgreSQL did not start on 127.0.0.1:${port} (pg_ctl exit ${code}):\n${log}`);
  }
  await waitUntilReady(command, dir, port, timeoutMs);
}

async function waitUntilReady(
  command: (binary: string, args: string[]) => [string, string[]],
  dir: string,
  port: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await run(...command('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(port)]), {
        cwd: dir,
      });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL on 127.0.0.1:${port} was not ready in ${timeoutMs} ms`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Asks the kernel for a free port by binding port 0 on loopback, then releases it. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

function postgresId(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
}
