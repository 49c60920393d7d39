import type { RecordedEvent } from '@bangui/core';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { type AdminActionType, asAdminAction } from '../event-guards.ts';
import type { ActionContext } from '../events.ts';
import { createCheckpointGate, type Projection } from '../projection.ts';

export interface AuditEntry {
  position: string;
  type: AdminActionType;
  at: number;
  actor: string | null;
  clientAddress: string;
  outcome: ActionContext['outcome'];
  reason: string | null;
  /** the rest of the event: jail, ids, action, setting, username ... */
  details: Record<string, unknown>;
}

export interface AuditQuery {
  actor?: string;
  type?: AdminActionType | readonly AdminActionType[];
  outcome?: ActionContext['outcome'];
  /** inclusive, ms epoch */
  from?: number;
  /** exclusive, ms epoch */
  to?: number;
  cursor?: string;
  limit?: number;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

export interface AuditLogProjection extends Projection {
  /** newest first (log order: actions are recorded as they happen) */
  query(query: AuditQuery): AuditPage;
  state(): unknown;
}

export const MAX_AUDIT_PAGE = 500;

/**
 * Every admin action in log order. Admin actions are few next to bans (a busy
 * instance records thousands a day, a login flood tens of thousands), so a plain
 * array scanned from the newest end is enough. Memory: ~300 bytes per entry.
 */
export function createAuditLogProjection(): AuditLogProjection {
  const entries: AuditEntry[] = [];

  function handle(event: RecordedEvent): void {
    const action = asAdminAction(event);
    if (!action) return;
    const { actor, clientAddress, outcome, reason, at, ...details } = action.data;
    entries.push({
      position: event.position,
      type: action.type,
      at,
      actor: actor ?? null,
      clientAddress,
      outcome,
      reason: reason ?? null,
      details,
    });
  }

  const gate = createCheckpointGate(handle);

  return {
    name: 'audit-log',
    checkpoint: gate.checkpoint,
    apply: gate.apply,
    reset() {
      entries.length = 0;
      gate.reset();
    },
    query(query) {
      const limit = Math.min(Math.max(1, Math.floor(query.limit ?? 50)), MAX_AUDIT_PAGE);
      const types =
        query.type === undefined
          ? undefined
          : new Set<string>(typeof query.type === 'string' ? [query.type] : query.type);
      const from = query.from ?? -Infinity;
      const to = query.to ?? Infinity;
      const start = query.cursor
        ? Math.min((decodeCursor(query.cursor, 1)[0] as number) - 1, entries.length - 1)
        : entries.length - 1;
      const items: AuditEntry[] = [];
      let last = -1;
      let more = false;
      for (let i = start; i >= 0; i--) {
        const e = entries[i] as AuditEntry;
        if (query.actor !== undefined && e.actor !== query.actor) continue;
        if (types && !types.has(e.type)) continue;
        if (query.outcome !== undefined && e.outcome !== query.outcome) continue;
        if (e.at < from || e.at >= to) continue;
        if (items.length === limit) {
          more = true;
          break;
        }
        items.push({ ...e, details: { ...e.details } });
        last = i;
      }
      return { items, nextCursor: more ? encodeCursor([last]) : null };
    },
    state: () => ({ checkpoint: gate.checkpoint(), entries }),
  };
}
