import type { BanEndedData, BanEndReason, BanObservedData } from '@bangui/domain';
import type { BanStreamState, StreamBan } from './ban-stream-state.ts';

/**
 * How far apart two channels' times of ban can be and still name the same ban.
 * Why 2 s: fail2ban's database rounds the time (`int(round(t))`) while its
 * socket listing and the push action floor it, so the same ban is reported up
 * to 1 s apart; a new ban of the same ID in the same jail cannot start within
 * 2 s of the previous one's start (it would have to be banned, lifted and banned
 * again in between).
 */
export const SAME_BAN_TOLERANCE_MS = 2_000;

export type Decided =
  | { kind: 'BanObserved'; data: BanObservedData }
  | { kind: 'BanEnded'; data: BanEndedData };

/** The ban of the stream that `bannedAt` names, if any. */
export function findBan(state: BanStreamState, bannedAt: number): StreamBan | undefined {
  return state.bans.find((b) => Math.abs(b.bannedAt - bannedAt) <= SAME_BAN_TOLERANCE_MS);
}

/**
 * What to append for an observation of a ban: nothing when the stream already
 * holds it (any channel, any rounding); else the ban, preceded by the end of
 * the ban it supersedes, or followed by its own end when that is already known
 * (it expired, or a newer ban of the same ID was recorded first).
 */
export function decideObserved(
  state: BanStreamState,
  data: BanObservedData,
  now: number,
): Decided[] {
  if (findBan(state, data.bannedAt)) return [];
  const open = state.bans.find((b) => !b.ended);
  const next = state.bans.find((b) => b.bannedAt > data.bannedAt);
  const out: Decided[] = [];
  if (!next && open && open.bannedAt < data.bannedAt) {
    // fail2ban holds one ban per (jail, ID): a newer one means the older ended.
    out.push({ kind: 'BanEnded', data: endOf(data, open.bannedAt, open.endsAt, data.bannedAt) });
  }
  out.push({ kind: 'BanObserved', data });
  if (next) {
    // An older ban seen late (a backfill after a poll): it ended before the next began.
    out.push({ kind: 'BanEnded', data: endOf(data, data.bannedAt, data.endsAt, next.bannedAt) });
  } else if (data.endsAt !== null && data.endsAt <= now) {
    out.push({ kind: 'BanEnded', data: endOf(data, data.bannedAt, data.endsAt, data.endsAt) });
  }
  return out;
}

/** The end of the ban (bannedAt, endsAt), no later than `by`. */
function endOf(
  seen: BanObservedData,
  bannedAt: number,
  endsAt: number | null,
  by: number,
): BanEndedData {
  const expired = endsAt !== null && endsAt <= by;
  const reason: BanEndReason = expired ? 'expired' : 'lifted-by-fail2ban';
  return {
    jail: seen.jail,
    id: seen.id,
    bannedAt,
    endedAt: expired ? endsAt : by,
    reason,
    source: seen.source,
  };
}

export type EndedDecision =
  | { kind: 'append'; data: BanEndedData }
  | { kind: 'already-ended' }
  | { kind: 'never-observed' };

/**
 * What to append for an end reported by a channel: BanEnded naming the ban by
 * its recorded time of ban (the channel's may differ by the rounding), once.
 */
export function decideEnded(state: BanStreamState, end: BanEndedData): EndedDecision {
  const ban = findBan(state, end.bannedAt);
  if (!ban) return { kind: 'never-observed' };
  if (ban.ended) return { kind: 'already-ended' };
  return { kind: 'append', data: { ...end, bannedAt: ban.bannedAt } };
}
