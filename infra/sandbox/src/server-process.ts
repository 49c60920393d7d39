import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface ServerProcessOptions {
  fail2banServer: string;
  configDir: string;
  /** Removed after a forced kill, which leaves them behind. */
  leftovers: readonly string[];
  onLog?: (line: string) => void;
  readyTimeoutMs: number;
  /** Grace period after SIGTERM before SIGKILL. */
  stopTimeoutMs: number;
}

export interface ServerProcess {
  readonly pid: number | undefined;
  readonly running: boolean;
  /** SIGTERM, wait for exit, SIGKILL after `stopTimeoutMs`. Idempotent. */
  stop(): Promise<void>;
}

// "Server ready" is printed on stdout by the foreground server once its
// internal client has streamed the whole configuration (notes §1): a better
// readiness signal than the first answered ping, when jails may be missing.
const READY_LINE = 'Server ready';
const KEPT_OUTPUT_LINES = 50;

/**
 * Spawns `fail2ban-server -f -x -c <configDir>` and resolves once it is ready.
 * `-f` keeps it in the foreground as our child; `-x` removes a stale socket
 * left by a killed predecessor. On early exit or timeout the error carries the
 * server's output.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(options.fail2banServer, ['-f', '-x', '-c', options.configDir], {
    detached: false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let ready = false;
  let resolveReady: () => void = () => {};
  const readySignal = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  const onLine = (line: string) => {
    output.push(line);
    if (output.length > KEPT_OUTPUT_LINES) output.shift();
    options.onLog?.(line);
    if (!ready && line.includes(READY_LINE)) {
      ready = true;
      resolveReady();
    }
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const exited = waitForExit(child);
  // Never outlive the Node process that started us (a crashed test run, a
  // forgotten destroy()): 'exit' handlers must be synchronous, so SIGKILL.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const describe = (what: string) =>
    `${what} (${options.fail2banServer} -f -x -c ${options.configDir}); server output:\n` +
    (output.length > 0 ? output.join('\n') : '(none)');

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.readyTimeoutMs);
  });
  const outcome = await Promise.race([readySignal.then(() => 'ready' as const), exited, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
    await removeLeftovers(options.leftovers);
    throw new Error(describe(`fail2ban-server not ready after ${options.readyTimeoutMs} ms`));
  }
  if (outcome !== 'ready') {
    throw new Error(describe(`fail2ban-server exited before it was ready: ${outcome.reason}`));
  }

  let stopping: Promise<void> | undefined;
  let exitedNow = false;
  void exited.then(() => {
    exitedNow = true;
  });
  return {
    get pid() {
      return exitedNow ? undefined : child.pid;
    },
    get running() {
      return !exitedNow;
    },
    stop() {
      stopping ??= stopChild(child, exited, options);
      return stopping;
    },
  };
}

interface Exit {
  reason: string;
}

function waitForExit(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    // 'error' covers a missing binary (ENOENT), where 'exit' never fires.
    child.once('error', (error) => resolve({ reason: error.message }));
    child.once('exit', (code, signal) =>
      resolve({ reason: signal ? `signal ${signal}` : `exit code ${code}` }),
    );
  });
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<Exit>,
  options: ServerProcessOptions,
): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    // SIGTERM makes fail2ban stop its jails, flush actions and remove its
    // socket and pidfile, like the `stop` command (notes §1).
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), options.stopTimeoutMs);
    });
    const outcome = await Promise.race([exited, late]);
    clearTimeout(timer);
    if (outcome === 'late') child.kill('SIGKILL');
  }
  await exited;
  // A killed (or crashed) server leaves its socket and pidfile behind.
  await removeLeftovers(options.leftovers);
}

async function removeLeftovers(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((p) => rm(p, { force: true })));
}
