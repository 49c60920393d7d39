import Database from 'better-sqlite3';

/** fail2ban's database layout this reader understands (fail2ban 0.11 and 1.0 write version 4). */
export const SUPPORTED_DB_VERSION = 4;

/** One row of fail2ban's `bans` table (its ban history). */
export interface Fail2banBanRow {
  rowid: number;
  jail: string;
  ip: string;
  /** Unix seconds */
  timeofban: number;
  /** seconds; -1 = permanent */
  bantime: number;
  /** the `data` column: a BLOB of UTF-8 JSON (notes §4.2), or null */
  data: Buffer | string | null;
}

export type Fail2banDbProblem = 'missing' | 'locked' | 'unreadable' | 'unsupported-schema';

export class Fail2banDbError extends Error {
  override readonly name = 'Fail2banDbError';
  constructor(
    readonly problem: Fail2banDbProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface BansAfter {
  /** keyset cursor: rows strictly after (timeofban, rowid) */
  timeofban: number;
  rowid: number;
  limit: number;
}

/**
 * How long a read waits for fail2ban's write lock. Why so short: better-sqlite3
 * waits synchronously, on the event loop, so a longer wait freezes every request
 * (a 1 s timeout made /livez take 2.2 s). A locked read is simply retried on the
 * next run.
 */
export const BUSY_TIMEOUT_MS = 50;

/**
 * Opens fail2ban's database the way a reader sharing the file with a running
 * fail2ban must (notes §4.4): read-only, with a short busy timeout.
 */
export function openFail2banDb(path: string): Database.Database {
  try {
    return new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw classify(error, path);
  }
}

/**
 * Runs `read` on a fresh read-only connection to a version-checked database,
 * then closes it, so no read transaction or lock outlives the call. Each read
 * is one autocommit statement fetched whole with `.all()` or `.get()`.
 * Why close every time: an idle open connection costs nothing to fail2ban, but
 * closing guarantees no statement or transaction can be left open by mistake,
 * and opening takes well under a millisecond.
 */
export function withFail2banDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = openFail2banDb(path);
  try {
    checkVersion(db, path);
    return read(db);
  } catch (error) {
    throw error instanceof Fail2banDbError ? error : classify(error, path);
  } finally {
    db.close();
  }
}

/** Reads a page of fail2ban's ban history (its `bans` table). */
export function readBansAfter(path: string, after: BansAfter): Fail2banBanRow[] {
  return withFail2banDb(path, (db) =>
    db
      .prepare<[number, number, number, number], Fail2banBanRow>(
        `SELECT rowid, jail, ip, timeofban, bantime, data FROM bans
         WHERE timeofban > ? OR (timeofban = ? AND rowid > ?)
         ORDER BY timeofban, rowid LIMIT ?`,
      )
      .all(after.timeofban, after.timeofban, after.rowid, after.limit),
  );
}

function checkVersion(db: Database.Database, path: string): void {
  let version: unknown;
  try {
    version = (db.prepare('SELECT version FROM fail2banDb LIMIT 1').get() as { version?: unknown })
      ?.version;
  } catch (error) {
    if (/no such table/i.test(String((error as Error).message))) {
      throw new Fail2banDbError(
        'unsupported-schema',
        `${path} has no fail2banDb table: not a fail2ban database`,
      );
    }
    throw error;
  }
  if (version !== SUPPORTED_DB_VERSION) {
    throw new Fail2banDbError(
      'unsupported-schema',
      `${path} is a fail2ban database of version ${String(version)}; BanGUI reads version ${SUPPORTED_DB_VERSION}`,
    );
  }
}

function classify(error: unknown, path: string): Fail2banDbError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_CANTOPEN' || /does not exist/i.test(message)) {
    return new Fail2banDbError('missing', `${path} cannot be opened: ${message}`, { cause: error });
  }
  if (
    typeof code === 'string' &&
    (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
  ) {
    return new Fail2banDbError('locked', `${path} is locked: ${message}`, { cause: error });
  }
  return new Fail2banDbError('unreadable', `${path} cannot be read: ${message}`, { cause: error });
}
