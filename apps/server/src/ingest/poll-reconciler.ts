import type { Clock, RuntimeState } from '@bangui/core';
import type { BanEndReason } from '@bangui/domain';
import { banKey } from '@bangui/domain';
import type { BanEntry } from '@bangui/fail2ban';
import { diffBans } from './ban-diff.ts';
import { banObserved } from './ban-observation.ts';
import { type IngestLogger, warn } from './ingest-logger.ts';
import type { ActiveBansView, KnownBan } from './known-bans.ts';
import type { BanRecorder } from './record-ban.ts';

/** The part of the fail2ban client the poll channel uses. */
export interface PollFail2ban {
  status(): Promise<{ jails: string[] }>;
  jailStatus(
    jail: string,
    flavor: 'short',
  ): Promise<{ currentlyBanned: number; totalBanned: number }>;
  bans(jail: string): Promise<BanEntry[]>;
}

export interface PollReconcilerOptions {
  fail2ban: PollFail2ban;
  recorder: BanRecorder;
  activeBans: ActiveBansView;
  logger: IngestLogger;
  clock: Clock;
  /**
   * A ban that vanished before its end is recorded as lifted only when a later
   * poll, at least this long after the first that missed it, still misses it.
   * Why: right after fail2ban restarts, its jails are up but its bans come back
   * from its database a moment later (about 0.2-0.5 s); a poll in between would
   * otherwise end every ban. Default 2 s.
   */
  endConfirmMs?: number;
  /**
   * Every this many polls a jail's list is read even when its counters did not
   * move (a guard against a coincidence after a fail2ban restart). Default 12.
   */
  fullReadEvery?: number;
  /**
   * A ban found missing after more than this without a complete poll (BanGUI
   * was down, fail2ban unreachable) is recorded with `endedAtApproximate` and
   * the last time it was still seen as its end. Default 30 s.
   */
  gapMs?: number;
  /** keeps the time of the last complete poll across workers (and restarts, for shared adapters) */
  runtimeState?: RuntimeState;
  /** corrects the listed times of ban (time zone, see poll-time-offset.ts); default: unchanged */
  correctTimes?: (
    current: Map<string, BanEntry[]>,
  ) => Map<string, BanEntry[]> | Promise<Map<string, BanEntry[]>>;
}

export type PollResult =
  | { status: 'unreachable' }
  | { status: 'ok'; observed: number; ended: number; awaitingConfirmation: number };

export interface PollReconciler {
  pollOnce(): Promise<PollResult>;
}

/** Where the time of the last poll that read every jail is shared. */
const LAST_COMPLETE_POLL_KEY = 'ingest.poll.last-complete';

export function createPollReconciler(options: PollReconcilerOptions): PollReconciler {
  const { fail2ban, recorder, activeBans, logger, clock } = options;
  const endConfirmMs = options.endConfirmMs ?? 2_000;
  const gapMs = options.gapMs ?? 30_000;
  // key -> when a poll first found the ban missing, and the last complete poll
  // before that (process memory: with several workers, confirmation comes from
  // whichever worker sees it missing twice).
  const missingSince = new Map<string, { since: number; seenAt: number | undefined }>();
  let lastComplete: number | undefined;
  let reachable = true;
  const fullReadEvery = options.fullReadEvery ?? 12;
  // Why: the list with times costs fail2ban ~30 ms per 1,000 bans on its single
  // thread (about 2 s for 65,000), while `status JAIL short` costs 0.04 ms. Every
  // ban raises "total banned" and every unban or expiry lowers "currently
  // banned", so unchanged counters mean an unchanged list: reuse the last one.
  const lastRead = new Map<string, { counters: string; bans: BanEntry[]; reads: number }>();

  async function readJail(jail: string): Promise<BanEntry[]> {
    const status = await fail2ban.jailStatus(jail, 'short');
    const counters = `${status.currentlyBanned}/${status.totalBanned}`;
    const last = lastRead.get(jail);
    if (last && last.counters === counters && last.reads < fullReadEvery) {
      last.reads++;
      return last.bans;
    }
    const bans = await fail2ban.bans(jail);
    lastRead.set(jail, { counters, bans, reads: 1 });
    return bans;
  }

  async function readFail2ban(): Promise<
    { jails: Set<string>; current: Map<string, BanEntry[]> } | undefined
  > {
    let jails: string[];
    try {
      jails = (await fail2ban.status()).jails;
    } catch (error) {
      // After an outage fail2ban may have restarted: read every list afresh.
      lastRead.clear();
      if (reachable) {
        warn(logger, `ban reconciliation paused: fail2ban is unreachable (${describe(error)})`);
        reachable = false;
      }
      return undefined;
    }
    if (!reachable) {
      logger.info('ban reconciliation resumed: fail2ban is reachable again');
      reachable = true;
    }
    for (const jail of lastRead.keys()) if (!jails.includes(jail)) lastRead.delete(jail);
    const current = new Map<string, BanEntry[]>();
    for (const jail of jails) {
      try {
        current.set(jail, await readJail(jail));
      } catch (error) {
        // A jail removed between status and bans, or a timeout: skip it this time.
        lastRead.delete(jail);
        warn(logger, `could not read the bans of jail '${jail}': ${describe(error)}`);
      }
    }
    return { jails: new Set(jails), current };
  }

  /** The last complete poll before now: this worker's, or any worker's (shared state). */
  async function lastCompletePoll(): Promise<number | undefined> {
    const shared = (await options.runtimeState?.get<number>(LAST_COMPLETE_POLL_KEY))?.value;
    if (shared === undefined) return lastComplete;
    return lastComplete === undefined ? shared : Math.max(shared, lastComplete);
  }

  async function end(ban: KnownBan, reason: BanEndReason, endedAt: number, approximate: boolean) {
    const data = {
      jail: ban.jail,
      id: ban.id,
      bannedAt: ban.bannedAt,
      endedAt,
      ...(approximate ? { endedAtApproximate: true } : {}),
      reason,
      source: 'poll' as const,
    };
    let outcome = await recorder.ended(data);
    if (outcome === 'never-observed') {
      // Recorded before bans had one stream per (jail, ID) (its own per-time
      // stream): carried over, so its end has a ban to name. Projections count
      // a ban once per (jail, ID, time of ban), so the copy adds nothing.
      await recorder.observed({
        jail: ban.jail,
        id: ban.id,
        bannedAt: ban.bannedAt,
        bantimeSeconds: ban.endsAt === null ? -1 : Math.round((ban.endsAt - ban.bannedAt) / 1000),
        endsAt: ban.endsAt,
        source: 'poll',
      });
      outcome = await recorder.ended(data);
    }
    return outcome === 'recorded';
  }

  return {
    async pollOnce() {
      const snapshot = await readFail2ban();
      if (!snapshot) return { status: 'unreachable' };
      const seenBefore = await lastCompletePoll();
      const current = options.correctTimes
        ? await options.correctTimes(snapshot.current)
        : snapshot.current;
      const known = await activeBans.list();
      const diff = diffBans({ liveJails: snapshot.jails, current, known });
      const now = clock.now();

      let observed = 0;
      for (const { jail, ban } of diff.appeared) {
        const data = banObserved(
          { jail, id: ban.id, bannedAt: ban.startedAt, bantimeSeconds: ban.bantimeSeconds },
          'poll',
        );
        if ((await recorder.observed(data)) === 'recorded') observed++;
      }

      let ended = 0;
      const stillMissing = new Set<string>();
      for (const ban of diff.missing) {
        const key = banKey(ban.jail, ban.id, ban.bannedAt);
        if (ban.endsAt !== null && ban.endsAt <= now) {
          // Expired: its end is known exactly, no need to wait.
          if (await end(ban, 'expired', ban.endsAt, false)) ended++;
          continue;
        }
        const missing = missingSince.get(key);
        if (missing !== undefined && now - missing.since >= endConfirmMs) {
          // It ended between the last poll that saw it and the first that missed
          // it. After a gap, that first miss can be long after: the last sighting
          // (never before the ban began) is the better bound, and says so.
          const { since, seenAt } = missing;
          const gap = seenAt === undefined || since - seenAt > gapMs;
          const endedAt = gap ? Math.max(ban.bannedAt, seenAt ?? ban.bannedAt) : since;
          if (await end(ban, 'lifted-by-fail2ban', endedAt, gap)) ended++;
          continue;
        }
        stillMissing.add(key);
        if (missing === undefined) missingSince.set(key, { since: now, seenAt: seenBefore });
      }
      // Bans that reappeared (restored) or were ended are forgotten.
      for (const key of missingSince.keys()) if (!stillMissing.has(key)) missingSince.delete(key);
      if (current.size === snapshot.jails.size) {
        lastComplete = now;
        await options.runtimeState?.set(LAST_COMPLETE_POLL_KEY, now);
      }
      return { status: 'ok', observed, ended, awaitingConfirmation: stillMissing.size };
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
