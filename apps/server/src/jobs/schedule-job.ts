import { Cron } from 'croner';
import { createTickRunner, type TickRunnerOptions } from './tick-runner.ts';

export type ScheduleJobOptions = TickRunnerOptions &
  (
    | {
        /** a croner pattern (5 or 6 fields, seconds first when 6), evaluated in UTC */
        pattern: string;
        intervalSeconds?: never;
      }
    | {
        /** every N seconds, aligned to the Unix epoch so that every worker agrees on the ticks */
        intervalSeconds: number;
        pattern?: never;
      }
  );

export interface ScheduledJob {
  readonly name: string;
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `run` on a schedule, once per tick across every worker sharing `leases`.
 *
 * The tick's identity (`scheduledFor`) must be the same on every worker, so it
 * is computed from the wall clock, not from when this worker's timer fired:
 * for a pattern it is the second the tick was due (croner fires at or just
 * after it), for an interval the start of the epoch-aligned slot.
 */
export function scheduleJob(options: ScheduleJobOptions): ScheduledJob {
  const runner = createTickRunner(options);
  const { name, logger } = options;
  let cron: Cron;

  if (options.intervalSeconds !== undefined) {
    const intervalMs = options.intervalSeconds * 1000;
    if (!Number.isInteger(options.intervalSeconds) || options.intervalSeconds < 1) {
      throw new RangeError(`job '${name}': intervalSeconds must be a positive integer`);
    }
    // Why wake every second rather than every N: croner's own `interval` is
    // measured from this worker's last run, so workers would disagree on the
    // tick times. A slot is run at most once per worker, even if the timer
    // fires late (a busy event loop), and never missed because of it.
    let lastSlot = Math.floor(Date.now() / intervalMs) * intervalMs;
    cron = new Cron('* * * * * *', { timezone: 'UTC', unref: true }, () => {
      const slot = Math.floor(Date.now() / intervalMs) * intervalMs;
      if (slot <= lastSlot) return;
      lastSlot = slot;
      void runner.tick(slot);
    });
  } else {
    cron = new Cron(options.pattern, { timezone: 'UTC', unref: true }, () => {
      void runner.tick(Math.floor(Date.now() / 1000) * 1000);
    });
  }
  logger.info(`job '${name}' scheduled (owner ${options.owner})`);

  return {
    name,
    async stop() {
      cron.stop();
      await runner.idle();
    },
  };
}
