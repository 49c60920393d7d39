import {
  type Clock,
  type EventStore,
  type Leases,
  type RuntimeState,
  systemClock,
} from '@bangui/core';
import { type ScheduledJob, scheduleJob } from '../jobs/schedule-job.ts';
import { type BackfillOptions, type BackfillResult, createBackfill } from './backfill.ts';
import type { IngestLogger } from './ingest-logger.ts';
import type { ActiveBansView } from './known-bans.ts';
import { createLiftMarks } from './lift-marks.ts';
import { createPollReconciler, type PollFail2ban, type PollResult } from './poll-reconciler.ts';
import { createPollTimeCalibration } from './poll-time-calibration.ts';
import { createBanRecorder } from './record-ban.ts';

export interface IngestionOptions {
  /** the fail2ban client (status, bans, and raw request for `get dbfile`) */
  fail2ban: PollFail2ban & BackfillOptions['fail2ban'];
  eventStore: EventStore;
  leases: Leases;
  /** what the log says is active (activeBansViewFromProjection over the active-bans projection) */
  activeBans: ActiveBansView;
  /** fail2ban's sqlite database; default: asked from fail2ban */
  dbPath?: string;
  logger: IngestLogger;
  pollIntervalSeconds: number;
  backfillIntervalSeconds: number;
  /** this worker's identity for tick claims (default `pid-<pid>`) */
  owner?: string;
  /**
   * The adapter set's runtimeState, shared by every worker: the backfill cursor,
   * the last complete poll, the time-zone correction and the unban route's lift marks.
   */
  runtimeState: RuntimeState;
  clock?: Clock;
  /** see PollReconcilerOptions.endConfirmMs */
  endConfirmMs?: number;
}

export interface Ingestion {
  /** Schedules poll and backfill; each tick runs on one worker only. */
  start(): void;
  /** Stops both schedules and waits for runs in progress. */
  stop(): Promise<void>;
  /** One reconciliation against fail2ban's ban lists, now (not claimed: for startup and tests). */
  pollOnce(): Promise<PollResult>;
  /** One import from fail2ban's database, now (not claimed). */
  backfillOnce(): Promise<BackfillResult>;
}

/**
 * Ingestion from fail2ban through channels that do not depend on each other:
 * polling the ban lists (reconcile), reading fail2ban's database (backfill) and,
 * mounted separately, the push route. All of them record a ban in its (jail,
 * ID) stream through the same decision, so a ban seen by several is one event.
 */
export function createIngestion(options: IngestionOptions): Ingestion {
  const clock = options.clock ?? systemClock;
  const owner = options.owner ?? `pid-${process.pid}`;
  const { runtimeState } = options;
  const recorder = createBanRecorder({
    eventStore: options.eventStore,
    clock,
    liftMarks: createLiftMarks(runtimeState),
  });
  const dbPath = options.dbPath !== undefined ? { dbPath: options.dbPath } : {};
  const calibration = createPollTimeCalibration({
    runtimeState,
    logger: options.logger,
    fail2ban: options.fail2ban,
    ...dbPath,
  });
  const poller = createPollReconciler({
    fail2ban: options.fail2ban,
    recorder,
    activeBans: options.activeBans,
    logger: options.logger,
    clock,
    runtimeState,
    correctTimes: calibration.correct,
    // A few missed polls are normal jitter; longer is a gap (BanGUI or fail2ban was away).
    gapMs: Math.max(30_000, 3 * options.pollIntervalSeconds * 1000),
    ...(options.endConfirmMs !== undefined ? { endConfirmMs: options.endConfirmMs } : {}),
  });
  const backfill = createBackfill({
    recorder,
    logger: options.logger,
    clock,
    fail2ban: options.fail2ban,
    cursorStore: runtimeState,
    ...dbPath,
  });
  let jobs: ScheduledJob[] = [];

  return {
    start() {
      if (jobs.length > 0) return;
      const common = { leases: options.leases, owner, logger: options.logger };
      jobs = [
        scheduleJob({
          ...common,
          name: 'ingest-poll',
          intervalSeconds: options.pollIntervalSeconds,
          run: () => poller.pollOnce(),
        }),
        scheduleJob({
          ...common,
          name: 'ingest-backfill',
          intervalSeconds: options.backfillIntervalSeconds,
          run: () => backfill.backfillOnce(),
        }),
      ];
    },
    async stop() {
      const running = jobs;
      jobs = [];
      await Promise.all(running.map((job) => job.stop()));
    },
    pollOnce: () => poller.pollOnce(),
    backfillOnce: () => backfill.backfillOnce(),
  };
}
