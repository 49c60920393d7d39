import type { RecordedEvent } from '@bangui/core';

/** Catch-up reads hand over at most this many events per listener call. */
const MAX_BATCH = 500;

export type EventListener = (events: RecordedEvent[]) => void | Promise<void>;

export interface SubscriptionSource {
  /** events with sequence numbers in (after, after + max], readable ones only */
  read(after: number, max: number): RecordedEvent[];
  /** sequence number of the newest readable event (0 when none) */
  head(): number;
  onListenerError(error: unknown): void;
}

export interface Subscriptions {
  subscribe(listener: EventListener, after: number): () => void;
  /** new events became readable: wake every idle subscription */
  notify(): void;
  /** stops every subscription */
  stopAll(): void;
}

interface Subscription {
  listener: EventListener;
  cursor: number;
  active: boolean;
  running: boolean;
}

/**
 * One delivery loop per subscription: it reads from its cursor and awaits the
 * listener before reading on, so a slow listener never sees overlapping or
 * reordered batches; events appended meanwhile arrive in its next batch.
 */
export function createSubscriptions(source: SubscriptionSource): Subscriptions {
  const all = new Set<Subscription>();

  const pump = async (sub: Subscription): Promise<void> => {
    if (sub.running) return;
    sub.running = true;
    try {
      while (sub.active && sub.cursor < source.head()) {
        const batch = source.read(sub.cursor, MAX_BATCH);
        sub.cursor += batch.length;
        await sub.listener(batch);
      }
    } catch (error) {
      // Delivering the next batch would leave a gap in the listener's view:
      // stop this subscription and report, the owner resubscribes from its checkpoint.
      sub.active = false;
      all.delete(sub);
      source.onListenerError(error);
    } finally {
      sub.running = false;
    }
  };

  return {
    subscribe(listener, after) {
      const sub: Subscription = { listener, cursor: after, active: true, running: false };
      all.add(sub);
      // Never call the listener from inside subscribe().
      queueMicrotask(() => void pump(sub));
      return () => {
        sub.active = false;
        all.delete(sub);
      };
    },
    notify() {
      for (const sub of all) if (!sub.running) void pump(sub);
    },
    stopAll() {
      for (const sub of all) sub.active = false;
      all.clear();
    },
  };
}
