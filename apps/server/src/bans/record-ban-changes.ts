import type { Clock, EventStore } from '@bangui/core';
import type { BanEntry } from '../fail2ban-port.ts';
import { banObserved } from '../ingest/ban-observation.ts';
import { recordBanObserved } from '../ingest/record-ban.ts';
import { recordUnbanThroughBangui } from '../ingest/unban-through-bangui.ts';
import type { Logger } from '../logger.ts';

export interface BanChangeRecorder {
  /**
   * After a ban through BanGUI: records the new bans as observed at once (read
   * back from fail2ban for their exact time of ban, which keys them), so the
   * history shows them without waiting for the next poll and the request that
   * caused them is matched with them inside the attribution window.
   */
  banned(jail: string, targets: readonly string[]): Promise<void>;
  /** Read before an unban: the bans it may lift, by ID, with their times of ban. */
  snapshot(jail: string): Promise<Map<string, BanEntry>>;
  /** After a successful unban: BanEnded 'lifted-through-bangui' for each ban it lifted. */
  lifted(jail: string, before: Map<string, BanEntry>, targets: readonly string[]): Promise<void>;
}

/**
 * Why failures here are logged and not raised: the ban or unban already took
 * effect in fail2ban. Ingestion (poll, push, backfill) records the same facts
 * under the same stream keys; what only this path knows is that BanGUI lifted
 * the ban (ingestion would say 'lifted-by-fail2ban').
 */
export function createBanChangeRecorder(deps: {
  /** the jail's ban list as fail2ban has it now (not from a cache that may predate a ban) */
  currentBans(jail: string): Promise<readonly BanEntry[]>;
  eventStore: EventStore;
  clock: Clock;
  logger: Logger;
}): BanChangeRecorder {
  const { currentBans, eventStore, clock, logger } = deps;
  const snapshot = async (jail: string) =>
    new Map((await currentBans(jail)).map((ban) => [ban.id, ban] as const));
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
            return [recordBanObserved(eventStore, banObserved(facts, 'poll'))];
          }),
        );
      } catch (err) {
        logger.error(`history: could not record bans made in ${jail} through BanGUI`, err);
      }
    },
    snapshot,
    async lifted(jail, before, targets) {
      const at = clock.now();
      try {
        await Promise.all(
          targets.flatMap((id) => {
            const ban = before.get(id);
            return ban ? [recordUnbanThroughBangui({ eventStore, jail, ban, at })] : [];
          }),
        );
      } catch (err) {
        logger.error(`history: could not record bans lifted in ${jail} through BanGUI`, err);
      }
    },
  };
}
