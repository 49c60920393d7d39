import type { RuntimeState } from '@bangui/core';
import type { BanEntry } from '@bangui/fail2ban';
import { SAME_BAN_TOLERANCE_MS } from './decide-ban.ts';

/**
 * Times in fail2ban's ban listing (`get JAIL banip --with-time`) are wall-clock
 * times in fail2ban's time zone, which BanGUI reads in its own. When the two
 * differ (containers), every listed time is off by the zones' difference. Its
 * database keeps Unix times, so comparing the two for the same bans gives the
 * offset: what to subtract from a listed time to get the real one.
 */
export const POLL_TIME_OFFSET_KEY = 'ingest.poll-time-offset';

/** Time zones differ by whole quarter hours (e.g. +05:45). */
const QUARTER_HOUR_MS = 15 * 60_000;

export interface TimeSample {
  /** the start of a ban as the listing was parsed, ms epoch */
  listedAt: number;
  /** the same ban's `timeofban` in fail2ban's database, Unix seconds */
  dbSeconds: number;
}

/**
 * The offset the samples agree on (a whole number of quarter hours, 0 when the
 * zones match), or undefined when there are none or they disagree. A sample
 * off by more than the rounding from every quarter hour (a ghost row, a ban
 * replaced between the two reads) is ignored.
 */
export function calibrateOffset(samples: readonly TimeSample[]): number | undefined {
  let offset: number | undefined;
  for (const { listedAt, dbSeconds } of samples) {
    const diff = listedAt - dbSeconds * 1000;
    const quarters = Math.round(diff / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    if (Math.abs(diff - quarters) > SAME_BAN_TOLERANCE_MS) continue;
    if (offset !== undefined && offset !== quarters) return undefined;
    offset = quarters;
  }
  // Math.round can give -0; the same zone is plain 0.
  return offset === 0 ? 0 : offset;
}

/** The listed bans with their times corrected by `offsetMs`. */
export function shiftBans(bans: readonly BanEntry[], offsetMs: number): BanEntry[] {
  if (offsetMs === 0) return [...bans];
  return bans.map((ban) => ({
    ...ban,
    startedAt: ban.startedAt - offsetMs,
    endsAt: ban.endsAt === null ? null : ban.endsAt - offsetMs,
  }));
}

/** The offset found by the poll's calibration, shared by every worker; 0 until found. */
export async function readPollTimeOffset(state: RuntimeState): Promise<number> {
  return (await state.get<number>(POLL_TIME_OFFSET_KEY))?.value ?? 0;
}
