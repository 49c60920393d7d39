import type { EventStore } from '@bangui/core';

/** The event store, counting what this process appends (bangui_events_appended_total). */
export function countingEventStore(
  store: EventStore,
  onAppended: (count: number) => void,
): EventStore {
  return {
    ...store,
    append: async (stream, events, options) => {
      const result = await store.append(stream, events, options);
      onAppended(events.length);
      return result;
    },
    // Methods read `this` in some adapters: keep them bound to the original.
    readStream: store.readStream.bind(store),
    readAll: store.readAll.bind(store),
    subscribe: store.subscribe.bind(store),
    headPosition: store.headPosition.bind(store),
  };
}
