import type { EventStore, RecordedEvent } from '@bangui/core';

/**
 * The smallest EventStore the runner needs, over an array of recorded events:
 * readAll pages and a subscribe that delivers what `push` adds. Not a store
 * implementation (no append), only a test double for the runner.
 */
export function createArrayEventStore(initial: readonly RecordedEvent[] = []) {
  const events: RecordedEvent[] = [...initial];
  const listeners = new Set<(events: RecordedEvent[]) => void | Promise<void>>();
  const indexAfter = (after: string | null | undefined) =>
    after == null ? 0 : events.findIndex((e) => Number(e.position) > Number(after));
  let reads = 0;
  const store: EventStore = {
    append: () => Promise.reject(new Error('not used')),
    readStream: () => Promise.resolve([]),
    async readAll(options = {}) {
      reads++;
      const from = indexAfter(options.after);
      if (from < 0) return [];
      return events.slice(from, from + (options.limit ?? events.length));
    },
    subscribe(listener, options = {}) {
      const from = indexAfter(options.after);
      if (from >= 0 && from < events.length) void listener(events.slice(from));
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async headPosition() {
      return events.at(-1)?.position ?? null;
    },
  };
  return {
    store,
    reads: () => reads,
    listenerCount: () => listeners.size,
    push(batch: RecordedEvent[]) {
      events.push(...batch);
      for (const l of listeners) void l(batch);
    },
  };
}
