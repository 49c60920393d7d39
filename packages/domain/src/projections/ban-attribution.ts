import type { HistoryRows } from './history-rows.ts';

/**
 * Who caused a ban or an unban. BanObserved/BanEnded come from fail2ban and carry
 * no user, so a ban done through BanGUI is matched with the BanRequested (or
 * UnbanRequested) for the same jail and address within WINDOW_MS, whichever of
 * the two was recorded first. A writer that knows the actor can also put it in
 * the event's `metadata.actor`, which wins.
 */
export const ATTRIBUTION_WINDOW_MS = 120_000;
/** unmatched requests kept at most (a ban of an already banned address never matches) */
const MAX_PENDING = 10_000;
/** how far back an address's history is searched for the row a late request explains */
const LOOK_BACK_ROWS = 8;

interface Pending {
  actor: string;
  at: number;
}

export function createBanAttribution(rows: HistoryRows) {
  const pending = new Map<string, Pending>();
  const key = (kind: 'ban' | 'unban', jail: string, address: string) =>
    `${kind}\u0000${jail}\u0000${address}`;

  function matches(row: number, kind: 'ban' | 'unban', jailIndex: number, at: number): boolean {
    return (
      rows.kindOf(row) === kind &&
      rows.jailOf(row) === jailIndex &&
      rows.actorOf(row) < 0 &&
      (kind === 'ban' || rows.reasonOf(row) === 'lifted-through-bangui') &&
      Math.abs(rows.atOf(row) - at) <= ATTRIBUTION_WINDOW_MS
    );
  }

  return {
    /** a request through BanGUI succeeded: attribute its row now or when it arrives */
    requested(kind: 'ban' | 'unban', jail: string, address: string, actor: string, at: number) {
      const addressIndex = rows.addresses.indexOf(address);
      const jailIndex = rows.jails.indexOf(jail);
      if (addressIndex !== undefined && jailIndex !== undefined) {
        let row = rows.lastRowOf(addressIndex);
        for (let seen = 0; row >= 0 && seen < LOOK_BACK_ROWS; seen++) {
          if (matches(row, kind, jailIndex, at)) {
            rows.setActor(row, actor);
            return;
          }
          row = rows.previousOf(row);
        }
      }
      const k = key(kind, jail, address);
      pending.delete(k);
      pending.set(k, { actor, at });
      if (pending.size > MAX_PENDING) {
        const oldest = pending.keys().next().value as string;
        pending.delete(oldest);
      }
    },
    /** the actor of a new row from an earlier request, consumed once */
    claim(kind: 'ban' | 'unban', jail: string, address: string, at: number): string | null {
      // Most bans were not requested through BanGUI: skip building the key.
      if (pending.size === 0) return null;
      const k = key(kind, jail, address);
      const p = pending.get(k);
      if (!p || Math.abs(p.at - at) > ATTRIBUTION_WINDOW_MS) return null;
      pending.delete(k);
      return p.actor;
    },
    clear() {
      pending.clear();
    },
  };
}
