import type { Leases } from '@bangui/core';
import type { Logger } from '../logger.ts';

export type TickOutcome = 'ran' | 'failed' | 'claimed-elsewhere' | 'skipped-overlap';

export interface TickRunnerOptions {
  name: string;
  leases: Pick<Leases, 'claimTick'>;
  /** this worker's identity, recorded with each claim */
  owner: string;
  run: (tick: { scheduledFor: number }) => unknown | Promise<unknown>;
  logger: Logger;
}

export interface TickRunner {
  /** Claims the tick and runs the job when this worker won it. Never throws. */
  tick(scheduledFor: number): Promise<TickOutcome>;
  /** Resolves when the run in progress (if any) has finished. */
  idle(): Promise<void>;
}

/**
 * The part of a scheduled job that decides whether this worker runs a tick:
 * every worker's timer fires, each claims (job, scheduledFor) through the
 * lease port, and only the winner runs it.
 */
export function createTickRunner(options: TickRunnerOptions): TickRunner {
  const { name, leases, owner, run, logger } = options;
  let current: Promise<TickOutcome> | undefined;

  const claimAndRun = async (scheduledFor: number): Promise<TickOutcome> => {
    try {
      if (!(await leases.claimTick(name, scheduledFor, owner))) return 'claimed-elsewhere';
      await run({ scheduledFor });
      return 'ran';
    } catch (error) {
      // A failing job (or an unreachable lease backend) must never take the
      // process down: log it and try again on the next tick.
      logger.error(
        `job '${name}' failed on its tick of ${new Date(scheduledFor).toISOString()}`,
        error,
      );
      return 'failed';
    }
  };

  return {
    async tick(scheduledFor) {
      // An overlapping tick is skipped before claiming, so a worker that is
      // still busy leaves the tick to one that is free.
      if (current) {
        logger.info(`job '${name}': tick skipped, the previous run is still in progress`);
        return 'skipped-overlap';
      }
      const attempt = claimAndRun(scheduledFor);
      current = attempt;
      try {
        return await attempt;
      } finally {
        current = undefined;
      }
    },
    async idle() {
      await current;
    },
  };
}
