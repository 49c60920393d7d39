import type { Leases } from '@bangui/core';
import { Cron } from 'croner';

export interface TickJobOptions {
  name: string;
  /** croner pattern, seconds first (default: every 10 seconds) */
  pattern?: string;
  leases: Pick<Leases, 'claimTick'>;
  /** this process's identity, recorded with each claim */
  owner: string;
  run: (scheduledFor: number) => unknown | Promise<unknown>;
  /** every attempt (won or not), for logs and tests */
  onTick?: (tick: { scheduledFor: number; claimed: boolean }) => void;
  onError?: (error: unknown) => void;
}

export interface TickJob {
  stop(): Promise<void>;
}

/**
 * A croner job that runs each tick on exactly one process: every process's
 * timer fires, each claims (name, scheduledFor) through the lease port, and
 * only the winner runs it. scheduledFor must be identical everywhere, so it is
 * the second the tick was due (croner fires at or just after it), not when
 * this timer happened to fire.
 */
export function startTickJob(options: TickJobOptions): TickJob {
  const { name, leases, owner, run } = options;
  const onError = options.onError ?? ((error) => console.error(`job '${name}' failed`, error));
  let running: Promise<void> | undefined;
  const cron = new Cron(options.pattern ?? '*/10 * * * * *', { timezone: 'UTC' }, () => {
    if (running) return; // still busy: leave this tick to another process
    const scheduledFor = Math.floor(Date.now() / 1000) * 1000;
    running = (async () => {
      try {
        const claimed = await leases.claimTick(name, scheduledFor, owner);
        options.onTick?.({ scheduledFor, claimed });
        if (claimed) await run(scheduledFor);
      } catch (error) {
        onError(error);
      } finally {
        running = undefined;
      }
    })();
  });
  return {
    async stop() {
      cron.stop();
      await running;
    },
  };
}
