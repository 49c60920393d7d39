import { type Clock, systemClock } from '@bangui/core';
import type { ServerConfig } from '../config.ts';
import { createBackfill } from '../ingest/backfill.ts';
import { createBanRecorder } from '../ingest/record-ban.ts';
import { selectAdapters } from '../select-adapters.ts';
import { CliError } from './rebuild-command.ts';

export interface ImportHistoryResult {
  dbPath: string;
  /** bans newly recorded (a ban already in its (jail, ID) stream counts 0) */
  imported: number;
  /** of those, bans whose end had already passed (recorded as expired) */
  ended: number;
}

/**
 * Runs the backfill once over a whole fail2ban database (opened read-only,
 * as ingestion does), from its first row: every ban goes through the same
 * recorder as every other channel, so a ban already recorded (by the poll, a
 * push, an earlier import) is not recorded again. memory: takes the data
 * dir's lock (refused while BanGUI runs on it); postgres: writes to the
 * shared database, safely next to running workers.
 */
export async function importHistory(
  config: Pick<ServerConfig, 'adapter' | 'workers' | 'dataDir' | 'databaseUrl'>,
  dbPath: string,
  deps: { clock?: Clock } = {},
): Promise<ImportHistoryResult> {
  const clock = deps.clock ?? systemClock;
  const adapters = await selectAdapters(config);
  try {
    const problems: string[] = [];
    const note = (message: string) => problems.push(message);
    const backfill = createBackfill({
      recorder: createBanRecorder({ eventStore: adapters.eventStore, clock }),
      logger: { info: () => {}, warn: note, error: note },
      clock,
      dbPath,
      // dbPath is given, so fail2ban is never asked where its database is.
      fail2ban: {
        request: () => Promise.reject(new Error('not connected to fail2ban')),
      },
    });
    const result = await backfill.backfillOnce();
    if (result.status === 'degraded') {
      throw new CliError(
        `cannot import from ${dbPath} (${result.problem})${problems[0] ? `: ${problems[0]}` : ''}`,
      );
    }
    return { dbPath, imported: result.imported, ended: result.ended };
  } finally {
    await adapters.close();
  }
}

export function formatImportHistory(result: ImportHistoryResult): string {
  return `imported ${result.imported} ban(s) from ${result.dbPath} (${result.ended} already ended; bans already recorded were skipped)\n`;
}
