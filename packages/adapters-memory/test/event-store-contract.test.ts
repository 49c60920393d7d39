import { eventStoreContract } from '@bangui/core/testing';
import { createMemoryEventStore } from '../src/memory-event-store.ts';
import { useTempDirs } from './helpers/temp-dir.ts';

// Process-scoped: a second instance never shares the log (and the data-dir
// lock forbids a second journal-backed instance on the same directory).
const noPeer = 'process-scoped adapter: a second instance never shares state (one worker only)';
const skip = { 'peer-append-race': noPeer, 'peer-subscribe': noPeer } as const;

eventStoreContract(
  'memory',
  ({ clock }) => {
    const store = createMemoryEventStore({ clock });
    return { instance: store, close: () => store.close() };
  },
  { skip },
);

const tempDir = useTempDirs();
eventStoreContract(
  'memory + journal',
  ({ clock }) => {
    const store = createMemoryEventStore({ clock, dataDir: tempDir() });
    return { instance: store, close: () => store.close() };
  },
  { skip },
);
