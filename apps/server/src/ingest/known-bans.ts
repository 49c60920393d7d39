import type { ActiveBansProjection } from '@bangui/domain';

/** A ban the event log considers active. */
export interface KnownBan {
  jail: string;
  id: string;
  bannedAt: number;
  /** null when permanent (or beyond a Date's range) */
  endsAt: number | null;
}

/** What the log says is active now; reconciliation records the difference to fail2ban. */
export interface ActiveBansView {
  list(): KnownBan[] | Promise<KnownBan[]>;
}

/** The view over the active-bans projection (which the composition root keeps fed from the log). */
export function activeBansViewFromProjection(
  projection: Pick<ActiveBansProjection, 'query'>,
): ActiveBansView {
  return {
    list: () =>
      projection
        .query({ limit: Number.MAX_SAFE_INTEGER })
        .items.map(({ jail, id, bannedAt, endsAt }) => ({ jail, id, bannedAt, endsAt })),
  };
}
