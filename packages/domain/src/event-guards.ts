import type { RecordedEvent } from '@bangui/core';
import {
  ADMIN_ACTION_TYPES,
  type BanEndedData,
  type BanObservedData,
  type DomainEventMap,
} from './events.ts';

/**
 * Narrow recorded events to domain data. The log outlives code versions, so a
 * malformed event is skipped (the projection still advances past it) instead of
 * poisoning every rebuild.
 */
export function asBanObserved(event: RecordedEvent): BanObservedData | undefined {
  if (event.type !== 'BanObserved') return undefined;
  const d = event.data as Partial<BanObservedData> | null;
  if (!d || typeof d.jail !== 'string' || typeof d.id !== 'string') return undefined;
  if (typeof d.bannedAt !== 'number' || !Number.isFinite(d.bannedAt)) return undefined;
  return d as BanObservedData;
}

export function asBanEnded(event: RecordedEvent): BanEndedData | undefined {
  if (event.type !== 'BanEnded') return undefined;
  const d = event.data as Partial<BanEndedData> | null;
  if (!d || typeof d.jail !== 'string' || typeof d.id !== 'string') return undefined;
  if (typeof d.bannedAt !== 'number' || typeof d.endedAt !== 'number') return undefined;
  if (!Number.isFinite(d.endedAt)) return undefined;
  return d as BanEndedData;
}

export type AdminActionType = (typeof ADMIN_ACTION_TYPES)[number];
export type AdminActionData = DomainEventMap[AdminActionType];

const ADMIN_TYPES: ReadonlySet<string> = new Set(ADMIN_ACTION_TYPES);

export function asAdminAction(
  event: RecordedEvent,
): { type: AdminActionType; data: AdminActionData } | undefined {
  if (!ADMIN_TYPES.has(event.type)) return undefined;
  const d = event.data as Partial<AdminActionData> | null;
  if (!d || typeof d.at !== 'number' || typeof d.outcome !== 'string') return undefined;
  return { type: event.type as AdminActionType, data: d as AdminActionData };
}

/** Who caused a ban event, when the writer recorded it in the metadata. */
export function metadataActor(event: RecordedEvent): string | null {
  const actor = event.metadata?.actor;
  return typeof actor === 'string' ? actor : null;
}
