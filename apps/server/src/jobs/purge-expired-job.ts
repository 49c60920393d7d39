import type { Leases } from '@bangui/core';
import type { Logger } from '../logger.ts';
import type { SelectedAdapters } from '../select-adapters.ts';
import { type ScheduledJob, scheduleJob } from './schedule-job.ts';

export interface PurgeExpiredJobOptions {
  purgeExpired: NonNullable<SelectedAdapters['purgeExpired']>;
  leases: Pick<Leases, 'claimTick'>;
  owner: string;
  logger: Logger;
  /** the session manager's inactivity timeout: older sessions are dead for it too */
  sessionInactivityMs: number;
  /** default 300 s */
  intervalSeconds?: number;
}

/**
 * Deletes expired sessions, cache entries, runtime state and spent rate-limit
 * rows from the shared database. Every worker schedules it; the tick claim
 * makes each tick run on one of them only. Nothing depends on it for
 * correctness (expired rows are already invisible), so a failed run just
 * waits for the next tick.
 */
export function startPurgeExpiredJob(options: PurgeExpiredJobOptions): ScheduledJob {
  const { logger } = options;
  return scheduleJob({
    name: 'purge-expired',
    intervalSeconds: options.intervalSeconds ?? 300,
    leases: options.leases,
    owner: options.owner,
    logger,
    run: async () => {
      const purged = await options.purgeExpired({
        sessionInactivityMs: options.sessionInactivityMs,
      });
      const total = purged.sessions + purged.cache + purged.runtimeState + purged.rateLimits;
      if (total > 0) {
        logger.info(
          `purged expired rows: ${purged.sessions} sessions, ${purged.cache} cache entries, ${purged.runtimeState} runtime state, ${purged.rateLimits} rate limits`,
        );
      }
    },
  });
}
