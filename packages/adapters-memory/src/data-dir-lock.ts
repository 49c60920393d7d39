import { randomUUID } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'bangui.lock';

/** Who holds a data directory: written into the lock file as JSON. */
export interface LockHolder {
  pid: number;
  host: string;
  createdAt: string;
  nonce: string;
}

export interface DataDirLock {
  readonly dataDir: string;
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly path: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `data directory is in use: ${path} is held by pid ${holder.pid} on ${holder.host} since ${holder.createdAt}. ` +
            'Only one BanGUI process may use a data directory; stop the other one ' +
            '(or, if it is certainly gone, delete the lock file).'
        : `data directory is locked by an unreadable lock file ${path}; if no BanGUI process uses it, delete that file.`,
    );
  }
}

const errorCode = (error: unknown): string | undefined =>
  (error as NodeJS.ErrnoException | undefined)?.code;

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.host === 'string'
      ? (value as LockHolder)
      : null;
  } catch {
    return null;
  }
}

/** A lock is stale only when we can prove its process is gone: same host, pid not running. */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so it is alive.
    return errorCode(error) === 'ESRCH';
  }
}

/**
 * Creates the lock file with its content in one atomic step: the content is
 * written to a private file first, then hard-linked into place (link fails if
 * the name exists). With a plain `wx` create, a rival could read the file
 * between its creation and the write, find it empty and wrongly call it stale.
 * Falls back to `wx` where hard links are not supported.
 */
function tryCreate(path: string, content: string, nonce: string): boolean {
  const scratch = `${path}.${process.pid}.${nonce}`;
  writeFileSync(scratch, content, { mode: 0o644 });
  try {
    linkSync(scratch, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    return tryCreateExclusive(path, content);
  } finally {
    unlinkSync(scratch);
  }
}

function tryCreateExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Moves a stale lock aside and checks that what moved is the file judged stale:
 * if a rival replaced it in between, its fresh lock is put back.
 */
function breakStale(path: string, staleText: string, nonce: string): void {
  const aside = `${path}.stale-${nonce}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  if (readFileSync(aside, 'utf8') !== staleText) {
    try {
      linkSync(aside, path);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
  unlinkSync(aside);
}

/**
 * Takes the exclusive lock `<dataDir>/bangui.lock` (creating dataDir if needed)
 * or throws DataDirLockedError naming the holder. A lock left by a dead process
 * on this host is recovered. Hold it for the life of the process; release it on close.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE_NAME);
  const nonce = randomUUID();
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    createdAt: new Date().toISOString(),
    nonce,
  };
  const content = JSON.stringify(holder);
  // A few rounds cover "stale lock broken, then re-create"; a rival winning
  // every round means the lock is genuinely contested.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, content, nonce)) {
      let released = false;
      return {
        dataDir,
        path,
        holder,
        release() {
          if (released) return;
          released = true;
          if (readOrNull(path) === content) unlinkSync(path);
        },
      };
    }
    const text = readOrNull(path);
    if (text === null) continue;
    const current = parseHolder(text);
    if (!current || !isStale(current)) throw new DataDirLockedError(path, current);
    breakStale(path, text, nonce);
  }
  throw new DataDirLockedError(path, parseHolder(readOrNull(path) ?? ''));
}
