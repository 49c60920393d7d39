import type { Clock, RuntimeState } from '@bangui/core';
import type { PyInput, PyValue } from '@bangui/fail2ban';
import { banObserved } from './ban-observation.ts';
import { decodeBanRowData } from './ban-row-data.ts';
import { type Fail2banBanRow, Fail2banDbError, readBansAfter } from './fail2ban-db.ts';
import { resolveFail2banDbPath } from './fail2ban-db-path.ts';
import { type IngestLogger, warn } from './ingest-logger.ts';
import type { BanRecorder } from './record-ban.ts';

export interface BackfillOptions {
  recorder: BanRecorder;
  logger: IngestLogger;
  clock: Clock;
  /** fail2ban's database; default: asked from fail2ban (`get dbfile`) on every run */
  dbPath?: string;
  /** used to ask fail2ban where its database is when dbPath is not configured */
  fail2ban: { request(args: PyInput[]): Promise<PyValue> };
  /** where the cursor is kept so every worker (and the next start) resumes from it; default memory */
  cursorStore?: RuntimeState;
  /** rows per query (default 1000): each query stays in the low milliseconds */
  pageSize?: number;
}

export type BackfillResult =
  | { status: 'ok'; imported: number; ended: number }
  | { status: 'degraded'; problem: string };

export interface Backfill {
  backfillOnce(): Promise<BackfillResult>;
}

interface Cursor {
  timeofban: number;
  rowid: number;
}

const CURSOR_KEY = 'ingest.backfill.cursor';
/**
 * Each run starts this far before the newest time of ban imported so far.
 * Why: fail2ban inserts rows asynchronously and a row's time of ban is the time
 * of the failure that triggered it, so a row can land after a newer one; rows
 * read twice are harmless (the ban's stream already holds them).
 */
const OVERLAP_SECONDS = 120;

/**
 * Imports fail2ban's own ban history (its `bans` table, which also holds bans
 * made while BanGUI was down or before it was installed) as BanObserved
 * (source 'backfill'), deduplicated with the other channels in the ban's
 * (jail, ID) stream. A ban whose end has already passed is recorded as ended
 * ('expired') in the same append.
 *
 * The database is advisory: when it is missing, locked, unreadable or of an
 * unknown layout, ingestion carries on from the socket alone, with one warning
 * (repeated only after it worked again), and the next run simply tries again.
 */
export function createBackfill(options: BackfillOptions): Backfill {
  const { recorder, logger, clock } = options;
  const pageSize = options.pageSize ?? 1_000;
  let memoryCursor: Cursor = { timeofban: 0, rowid: 0 };
  let degraded: string | undefined;

  async function loadCursor(): Promise<Cursor> {
    const entry = await options.cursorStore?.get<Cursor>(CURSOR_KEY);
    return entry?.value ?? memoryCursor;
  }
  async function saveCursor(cursor: Cursor): Promise<void> {
    memoryCursor = cursor;
    await options.cursorStore?.set(CURSOR_KEY, cursor);
  }

  async function importRow(
    row: Fail2banBanRow,
    now: number,
  ): Promise<{ imported: boolean; ended: boolean }> {
    const details = decodeBanRowData(row.data);
    const data = banObserved(
      {
        jail: row.jail,
        id: row.ip,
        bannedAt: row.timeofban * 1000,
        bantimeSeconds: row.bantime,
        ...details,
      },
      'backfill',
    );
    const imported = (await recorder.observed(data)) === 'recorded';
    return { imported, ended: imported && data.endsAt !== null && data.endsAt <= now };
  }

  return {
    async backfillOnce() {
      let imported = 0;
      let ended = 0;
      try {
        const path = await resolveFail2banDbPath(options.dbPath, options.fail2ban);
        const saved = await loadCursor();
        let cursor: Cursor = {
          timeofban: Math.max(0, saved.timeofban - OVERLAP_SECONDS),
          rowid: 0,
        };
        for (;;) {
          const rows = readBansAfter(path, { ...cursor, limit: pageSize });
          const now = clock.now();
          for (const row of rows) {
            const outcome = await importRow(row, now);
            if (outcome.imported) imported++;
            if (outcome.ended) ended++;
          }
          const last = rows.at(-1);
          if (last) {
            cursor = { timeofban: last.timeofban, rowid: last.rowid };
            if (cursor.timeofban > saved.timeofban) await saveCursor(cursor);
          }
          if (rows.length < pageSize) break;
        }
      } catch (error) {
        if (!(error instanceof Fail2banDbError)) throw error;
        if (degraded === undefined) {
          warn(
            logger,
            `backfill from fail2ban's database is unavailable (${error.problem}): ${error.message}. ` +
              "Bans are still recorded from fail2ban's socket; the database is tried again on every backfill run.",
          );
        }
        degraded = error.problem;
        return { status: 'degraded', problem: error.problem };
      }
      if (degraded !== undefined) {
        logger.info("backfill from fail2ban's database works again");
        degraded = undefined;
      }
      return { status: 'ok', imported, ended };
    },
  };
}
