import type { HistoryItem } from '../api/types.ts';

/** One message of GET api/events/stream: the SSE id is the event's global position. */
export interface StreamEvent {
  position: string;
  type: string;
  stream: string;
  data: Record<string, unknown>;
  recordedAt: string | null;
}

const iso = (ms: unknown): string | null =>
  typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const origin = (value: unknown): HistoryItem['origin'] =>
  value === 'backfill' || value === 'push' ? value : 'poll';

/**
 * A BanObserved or BanEnded event in the shape of a history row, so live activity and the
 * rows loaded from api/history render alike. The event's times are ms epochs; the API's are
 * ISO strings. Other event types (logins, requests) are not ban history: undefined.
 */
export function toHistoryItem(event: StreamEvent): HistoryItem | undefined {
  const d = event.data;
  if (event.type === 'BanObserved') {
    const bantime = typeof d.bantimeSeconds === 'number' ? d.bantimeSeconds : null;
    return {
      kind: 'ban',
      at: iso(d.bannedAt),
      jail: text(d.jail),
      id: text(d.id),
      bannedAt: iso(d.bannedAt),
      bantimeSeconds: bantime,
      endsAt: iso(d.endsAt),
      endsBeyondRange: d.endsBeyondRange === true,
      permanent: bantime !== null && bantime < 0,
      origin: origin(d.source),
      reason: null,
      actor: null,
      position: event.position,
    };
  }
  if (event.type === 'BanEnded') {
    return {
      kind: 'unban',
      at: iso(d.endedAt),
      jail: text(d.jail),
      id: text(d.id),
      bannedAt: iso(d.bannedAt),
      bantimeSeconds: null,
      endsAt: null,
      endsBeyondRange: false,
      permanent: false,
      origin: origin(d.source),
      reason: text(d.reason) || null,
      actor: null,
      position: event.position,
    };
  }
  return undefined;
}
