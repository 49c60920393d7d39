import type { RuntimeState } from '@bangui/core';

/** Who is lifting a ban through BanGUI, and since when. */
export interface LiftMark {
  actor: string;
  at: number;
}

export interface LiftMarks {
  /** Marks the IDs as being lifted by `actor`, before fail2ban is asked to unban them. */
  mark(jail: string, ids: readonly string[], mark: LiftMark): Promise<void>;
  get(jail: string, id: string): Promise<LiftMark | undefined>;
  clear(jail: string, ids: readonly string[]): Promise<void>;
}

/**
 * Why marks: fail2ban runs the unban actions (the push among them) inside
 * `unbanip`, before it replies, so the push reports the end before the route
 * can say that BanGUI lifted it. The route marks the IDs first; every channel
 * that records an end reads the mark and records 'lifted-through-bangui' with
 * the actor. Kept in the shared runtime state so a push landing on another
 * worker sees it; the expiry bounds how long a stale mark (a crash between
 * mark and clear) can misattribute an end.
 */
export function createLiftMarks(state: RuntimeState, ttlMs = 60_000): LiftMarks {
  return {
    async mark(jail, ids, mark) {
      await Promise.all(ids.map((id) => state.set(markKey(jail, id), mark, { ttlMs })));
    },
    async get(jail, id) {
      return (await state.get<LiftMark>(markKey(jail, id)))?.value;
    },
    async clear(jail, ids) {
      await Promise.all(ids.map((id) => state.delete(markKey(jail, id))));
    },
  };
}

function markKey(jail: string, id: string): string {
  return `ban-lift:${JSON.stringify([jail, id])}`;
}
