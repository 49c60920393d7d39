import type { BanEntry } from '@bangui/fail2ban';
import { banObserved } from './ban-observation.ts';
import type { BanRecorder, EndedOutcome } from './record-ban.ts';

export interface UnbanThroughBanguiInput {
  recorder: BanRecorder;
  jail: string;
  /** the ban as fail2ban listed it just before BanGUI lifted it */
  ban: BanEntry;
  /** who lifted it */
  actor: string;
  /** when the lift succeeded, ms epoch */
  at: number;
}

/**
 * Records that a ban ended because it was lifted through BanGUI. Called by the
 * unban route after fail2ban confirmed the unban, with the ban's entry read
 * before it. The ban is recorded as observed first when no channel had seen
 * it yet (a ban lifted seconds after it was made), so its history is whole.
 */
export async function recordUnbanThroughBangui(
  input: UnbanThroughBanguiInput,
): Promise<EndedOutcome> {
  const { recorder, jail, ban, actor, at } = input;
  await recorder.observed(
    banObserved(
      { jail, id: ban.id, bannedAt: ban.startedAt, bantimeSeconds: ban.bantimeSeconds },
      'poll',
    ),
  );
  return recorder.ended({
    jail,
    id: ban.id,
    bannedAt: ban.startedAt,
    endedAt: at,
    reason: 'lifted-through-bangui',
    actor,
    source: 'poll',
  });
}
