import type { RuntimeState } from '@bangui/core';
import type { BanEntry, PyInput, PyValue } from '@bangui/fail2ban';
import { Fail2banDbError, withFail2banDb } from './fail2ban-db.ts';
import { resolveFail2banDbPath } from './fail2ban-db-path.ts';
import { type IngestLogger, warn } from './ingest-logger.ts';
import {
  calibrateOffset,
  POLL_TIME_OFFSET_KEY,
  shiftBans,
  type TimeSample,
} from './poll-time-offset.ts';

export interface PollTimeCalibrationOptions {
  runtimeState: RuntimeState;
  logger: IngestLogger;
  /** fail2ban's database; default: asked from fail2ban */
  dbPath?: string;
  fail2ban: { request(args: PyInput[]): Promise<PyValue> };
  /** how many listed bans are compared with the database (point lookups) */
  samples?: number;
}

/**
 * Corrects the poll's listed times for a time-zone difference between BanGUI
 * and fail2ban (see poll-time-offset.ts). Until the offset is found, every
 * poll with bans compares up to `samples` of them with fail2ban's `bips` table;
 * once found, it is shared through the runtime state (the ban routes read it
 * too) and logged when not zero. Without a readable database the listed times
 * are taken as they are, with one warning saying what that assumes.
 */
export function createPollTimeCalibration(options: PollTimeCalibrationOptions) {
  const { runtimeState, logger } = options;
  const sampleCount = options.samples ?? 20;
  let offsetMs: number | undefined;
  let warned = false;
  let probed = false;

  async function calibrate(current: Map<string, BanEntry[]>): Promise<void> {
    const listed = [...current].flatMap(([jail, bans]) => bans.map((ban) => ({ jail, ban })));
    // With no bans to compare, the database is still opened once: a missing one is
    // worth its warning at startup, not at the first ban.
    if (listed.length === 0 && probed) return;
    probed = true;
    let samples: TimeSample[];
    try {
      const path = await resolveFail2banDbPath(options.dbPath, options.fail2ban);
      samples = withFail2banDb(path, (db) => {
        const row = db.prepare<[string, string], { timeofban: number }>(
          'SELECT timeofban FROM bips WHERE ip = ? AND jail = ?',
        );
        return listed.slice(0, sampleCount).flatMap(({ jail, ban }) => {
          const found = row.get(ban.id, jail);
          return found ? [{ listedAt: ban.startedAt, dbSeconds: found.timeofban }] : [];
        });
      });
    } catch (error) {
      if (!(error instanceof Fail2banDbError)) throw error;
      // Locked: simply try again on the next poll.
      if (error.problem !== 'locked' && !warned) {
        warned = true;
        warn(
          logger,
          `cannot check that BanGUI and fail2ban use the same time zone (fail2ban's database: ${error.message}). ` +
            `Ban times read from fail2ban's socket are taken in BanGUI's time zone (TZ=${process.env.TZ ?? 'unset'}, ` +
            `${Intl.DateTimeFormat().resolvedOptions().timeZone}); if fail2ban runs in another one (e.g. in another container), set TZ to fail2ban's.`,
        );
      }
      return;
    }
    const found = calibrateOffset(samples);
    if (found === undefined) return;
    offsetMs = found;
    await runtimeState.set(POLL_TIME_OFFSET_KEY, found);
    if (found !== 0) {
      warn(
        logger,
        `fail2ban's ban times are ${found / 60_000} minutes off BanGUI's time zone (TZ=${process.env.TZ ?? 'unset'}): ` +
          "times read from fail2ban's socket are corrected by that. Give BanGUI the same TZ as fail2ban to avoid the correction.",
      );
    }
  }

  return {
    /** The listed bans with corrected times (unchanged until an offset is found). */
    async correct(current: Map<string, BanEntry[]>): Promise<Map<string, BanEntry[]>> {
      if (offsetMs === undefined) await calibrate(current);
      const shift = offsetMs ?? 0;
      if (shift === 0) return current;
      return new Map([...current].map(([jail, bans]) => [jail, shiftBans(bans, shift)]));
    },
  };
}
