import type { Clock, EventStore, RuntimeState } from '@bangui/core';
import type { BanEntry } from '../fail2ban-port.ts';
import { banObserved } from '../ingest/ban-observation.ts';
import { createLiftMarks } from '../ingest/lift-marks.ts';
import { readPollTimeOffset, shiftBans } from '../ingest/poll-time-offset.ts';
import { createBanRecorder } from '../ingest/record-ban.ts';
import { recordUnbanThroughBangui } from '../ingest/unban-through-bangui.ts';
import type { Logger } from '../logger.ts';

export interface BanChangeRecorder {
  /**
   * After a ban through BanGUI: records the new bans as observed at once (read
   * back from fail2ban for their exact time of ban), so the history shows them
   * without waiting for the next poll and the request that caused them is
   * matched with them inside the attribution window.
   */
  banned(jail: string, targets: readonly string[]): Promise<void>;
  /**
   * Lifts bans through BanGUI: reads the bans first (an end names its ban by
   * its time of ban, which is gone after), marks them as being lifted by
   * `actor`, runs `unban`, then records 'lifted-through-bangui' for each ban it
   * lifted. Why the mark: fail2ban runs its unban actions, the push among them,
   * inside `unbanip`, so the push reports the end before `unban` returns; the
   * mark makes it record the lift as BanGUI's, with the actor.
   */
  lift<R extends { unbanned: number }>(
    jail: string,
    targets: readonly string[],
    actor: string,
    unban: () => Promise<R>,
  ): Promise<R>;
}

/**
 * Why recording failures here are logged and not raised: the ban or unban
 * already took effect in fail2ban. Ingestion (poll, push, backfill) records
 * the same facts in the same streams; what only this path knows is that
 * BanGUI lifted the ban (ingestion would say 'lifted-by-fail2ban').
 */
export function createBanChangeRecorder(deps: {
  /** the jail's ban list as fail2ban has it now (not from a cache that may predate a ban) */
  currentBans(jail: string): Promise<readonly BanEntry[]>;
  eventStore: EventStore;
  /** shared by every worker: lift marks, and the poll's time-zone correction */
  runtimeState: RuntimeState;
  clock: Clock;
  logger: Logger;
}): BanChangeRecorder {
  const { currentBans, eventStore, runtimeState, clock, logger } = deps;
  const liftMarks = createLiftMarks(runtimeState);
  const recorder = createBanRecorder({ eventStore, clock, liftMarks });
  const snapshot = async (jail: string) => {
    const offsetMs = await readPollTimeOffset(runtimeState);
    const bans = shiftBans(await currentBans(jail), offsetMs);
    return new Map(bans.map((ban) => [ban.id, ban] as const));
  };
  return {
    async banned(jail, targets) {
      try {
        const now = await snapshot(jail);
        // Concurrent appends share the journal's fsyncs (group commit).
        await Promise.all(
          targets.flatMap((id) => {
            const ban = now.get(id);
            if (!ban) return [];
            const facts = {
              jail,
              id,
              bannedAt: ban.startedAt,
              bantimeSeconds: ban.bantimeSeconds,
            };
            return [recorder.observed(banObserved(facts, 'poll'))];
          }),
        );
      } catch (err) {
        logger.error(`history: could not record bans made in ${jail} through BanGUI`, err);
      }
    },
    async lift(jail, targets, actor, unban) {
      const before = await snapshot(jail);
      const lifting = targets.filter((id) => before.has(id));
      await liftMarks.mark(jail, lifting, { actor, at: clock.now() });
      try {
        const result = await unban();
        if (result.unbanned > 0) {
          const at = clock.now();
          try {
            await Promise.all(
              lifting.map((id) =>
                recordUnbanThroughBangui({
                  recorder,
                  jail,
                  ban: before.get(id) as BanEntry,
                  actor,
                  at,
                }),
              ),
            );
          } catch (err) {
            logger.error(`history: could not record bans lifted in ${jail} through BanGUI`, err);
          }
        }
        return result;
      } finally {
        // Recorded (or failed): from now on an end of these bans is not BanGUI's doing.
        await liftMarks
          .clear(jail, lifting)
          .catch((err) => logger.error(`history: could not clear lift marks in ${jail}`, err));
      }
    },
  };
}
