import type { RecordedEvent } from '@bangui/core';

export type EventListener = (events: RecordedEvent[]) => void | Promise<void>;

export interface SubscriptionSource {
  /** events strictly after `after`, in global order, at most `limit` */
  read(after: string | null, limit: number): Promise<RecordedEvent[]>;
  /** a listener threw: that subscription has stopped */
  onListenerError(error: unknown): void;
  /** a read failed: the subscription stays and retries on the next wake-up */
  onReadError(error: unknown): void;
}

export interface Subscriptions {
  subscribe(listener: EventListener, after: string | null): () => void;
  /** something may have been appended: every subscription reads on */
  wake(): void;
  stopAll(): void;
}

/** Catch-up reads hand over at most this many events per listener call. */
const MAX_BATCH = 500;

interface Subscription {
  listener: EventListener;
  cursor: string | null;
  active: boolean;
  running: boolean;
  /** woken while running: the read in flight may predate the append, read again */
  again: boolean;
}

/**
 * One delivery loop per subscription: it reads from its cursor and awaits the
 * listener before reading on, so batches never overlap or reorder. Wake-ups
 * (NOTIFY, polling) only say "read again"; the cursor makes delivery exact, so
 * a lost or duplicated wake-up can only delay, never skip or repeat, events.
 */
export function createSubscriptions(source: SubscriptionSource): Subscriptions {
  const all = new Set<Subscription>();

  const pump = async (sub: Subscription): Promise<void> => {
    if (sub.running) {
      sub.again = true;
      return;
    }
    sub.running = true;
    try {
      do {
        sub.again = false;
        for (;;) {
          let batch: RecordedEvent[];
          try {
            batch = await source.read(sub.cursor, MAX_BATCH);
          } catch (error) {
            source.onReadError(error);
            return;
          }
          const last = batch.at(-1);
          if (!sub.active || !last) break;
          try {
            await sub.listener(batch);
          } catch (error) {
            // Delivering the next batch would leave a gap in the listener's view:
            // stop this subscription and report; the owner resubscribes from its checkpoint.
            sub.active = false;
            all.delete(sub);
            source.onListenerError(error);
            return;
          }
          sub.cursor = last.position;
        }
      } while (sub.again && sub.active);
    } finally {
      sub.running = false;
    }
  };

  return {
    subscribe(listener, after) {
      const sub: Subscription = {
        listener,
        cursor: after,
        active: true,
        running: false,
        again: false,
      };
      all.add(sub);
      // Never call the listener from inside subscribe().
      queueMicrotask(() => void pump(sub));
      return () => {
        sub.active = false;
        all.delete(sub);
      };
    },
    wake() {
      for (const sub of all) void pump(sub);
    },
    stopAll() {
      for (const sub of all) sub.active = false;
      all.clear();
    },
  };
}
