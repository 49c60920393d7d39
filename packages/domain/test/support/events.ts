import type { RecordedEvent } from '@bangui/core';
import type { DomainEvent } from '../../src/events.ts';

/** Builds RecordedEvents with increasing positions, as a store would. */
export function createLog(start = 1) {
  let next = start;
  const events: RecordedEvent[] = [];
  return {
    events,
    record(event: DomainEvent, metadata: Record<string, unknown> = {}): RecordedEvent {
      const position = next++;
      const recorded: RecordedEvent = {
        id: `e${position}`,
        stream: 's',
        version: 1,
        position: String(position),
        type: event.type,
        data: event.data,
        metadata,
        recordedAt: 0,
      };
      events.push(recorded);
      return recorded;
    },
  };
}

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

export function banObserved(
  jail: string,
  id: string,
  bannedAt: number,
  extra: Partial<Extract<DomainEvent, { type: 'BanObserved' }>['data']> = {},
): DomainEvent {
  return {
    type: 'BanObserved',
    data: {
      jail,
      id,
      bannedAt,
      bantimeSeconds: 600,
      endsAt: bannedAt + 600_000,
      source: 'poll',
      ...extra,
    },
  };
}

export function banEnded(
  jail: string,
  id: string,
  bannedAt: number,
  endedAt: number,
  reason: 'expired' | 'lifted-by-fail2ban' | 'lifted-through-bangui' = 'expired',
): DomainEvent {
  return { type: 'BanEnded', data: { jail, id, bannedAt, endedAt, reason, source: 'poll' } };
}
