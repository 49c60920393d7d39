import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { LOCK_FILE_NAME } from '@bangui/adapters-memory';
import { type CheckResult, fail, ok, warn } from './check.ts';

/** The data dir (or, when it does not exist yet, the directory it would be created in) is writable. */
export async function checkDataDir(dataDir: string): Promise<CheckResult> {
  const name = 'data directory';
  const info = await stat(dataDir).catch(() => undefined);
  if (info && !info.isDirectory()) {
    return fail(name, `${dataDir} is not a directory`, 'point BANGUI_DATA_DIR at a directory');
  }
  const target = info ? dataDir : dirname(dataDir);
  try {
    await access(target, constants.W_OK | constants.X_OK);
  } catch (err) {
    return fail(
      name,
      `${target} is not writable (${(err as NodeJS.ErrnoException).code})`,
      'point BANGUI_DATA_DIR at a directory the user running BanGUI owns (systemd: StateDirectory=bangui gives /var/lib/bangui)',
    );
  }
  return ok(
    name,
    info ? `${dataDir} is writable` : `${dataDir} will be created (its parent is writable)`,
  );
}

/**
 * Whether a BanGUI process holds the data dir's lock. Read, never taken: the
 * doctor must not get in the way of a service starting at the same time.
 */
export async function checkDataDirLock(dataDir: string): Promise<CheckResult> {
  const name = 'data directory lock';
  const path = join(dataDir, LOCK_FILE_NAME);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return ok(name, 'not locked: no BanGUI runs on it');
  let holder: { pid?: unknown; host?: unknown };
  try {
    holder = JSON.parse(text) as typeof holder;
  } catch {
    return warn(
      name,
      `${path} is unreadable`,
      'if no BanGUI runs on this directory, delete that file',
    );
  }
  if (typeof holder.pid !== 'number' || holder.host !== hostname()) {
    return warn(
      name,
      `locked by pid ${String(holder.pid)} on ${String(holder.host)}`,
      'only one BanGUI may use a data directory; stop the other one before starting this one',
    );
  }
  if (!isAlive(holder.pid)) {
    return ok(name, `stale lock of pid ${holder.pid} (not running): the next start recovers it`);
  }
  return warn(
    name,
    `locked: a running BanGUI (pid ${holder.pid}) uses it`,
    'fine if that is the service; a second BanGUI (or `bangui rebuild`) on this directory refuses to start until it stops',
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** BANGUI_ADAPTER=postgres: the database answers within `timeoutMs`. */
export async function checkDatabase(
  ping: () => Promise<void>,
  timeoutMs: number,
): Promise<CheckResult> {
  const name = 'database (PostgreSQL)';
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return ok(name, 'reachable');
  } catch (err) {
    // The driver's messages name host and port, never the password.
    return fail(
      name,
      `unreachable: ${(err as Error).message}`,
      'check that PostgreSQL runs and that BANGUI_DATABASE_URL(_FILE) names its host, port, database and credentials',
    );
  } finally {
    clearTimeout(timer);
  }
}
