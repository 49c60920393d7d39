import type { RecordedEvent } from '@bangui/core';
import type { BanEndedData, BanObservedData } from '@bangui/domain';

/** One ban in its (jail, ID) stream. */
export interface StreamBan {
  bannedAt: number;
  endsAt: number | null;
  ended: boolean;
}

/** What a (jail, ID) stream says, and the version it was read at (for the next append). */
export interface BanStreamState {
  version: number;
  /** by time of ban, oldest first */
  bans: StreamBan[];
}

/**
 * Folds a (jail, ID) stream. A BanEnded names its ban by the recorded time of
 * ban, so it closes exactly that ban. Bans are sorted by time of ban because a
 * backfill can insert a ban older than one a poll recorded first.
 */
export function foldBanStream(events: readonly RecordedEvent[]): BanStreamState {
  const bans: StreamBan[] = [];
  for (const event of events) {
    if (event.type === 'BanObserved') {
      const data = event.data as BanObservedData;
      bans.push({ bannedAt: data.bannedAt, endsAt: data.endsAt ?? null, ended: false });
    } else if (event.type === 'BanEnded') {
      const data = event.data as BanEndedData;
      const ban = bans.find((b) => b.bannedAt === data.bannedAt);
      if (ban) ban.ended = true;
    }
  }
  bans.sort((a, b) => a.bannedAt - b.bannedAt);
  return { version: events.at(-1)?.version ?? 0, bans };
}
