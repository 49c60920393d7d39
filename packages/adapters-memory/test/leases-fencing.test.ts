import { leasesFencingContract } from '@bangui/core/testing';
import { createMemoryLeases } from '../src/memory-leases.ts';
import { createMemoryRuntimeState } from '../src/memory-runtime-state.ts';

const noPeer = 'process-scoped adapter: a second instance never shares state (one worker only)';

// Fencing with both ports in one process, on the test's clock.
leasesFencingContract(
  'memory',
  {
    leases: ({ clock }) => ({ instance: createMemoryLeases({ clock }) }),
    runtimeState: ({ clock }) => ({ instance: createMemoryRuntimeState({ clock }) }),
  },
  { skip: { 'peer-late-write-fenced': noPeer } },
);
