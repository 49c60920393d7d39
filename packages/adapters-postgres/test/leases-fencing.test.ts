import { leasesFencingContract } from '@bangui/core/testing';
import { twoWorkers } from './helpers/adapter-sets.ts';

// Leases and runtime state from two workers on one database, as in contracts.test.ts.
// Nothing is skipped: the peer case has A and B on different instances.
leasesFencingContract('postgres', {
  leases: ({ clock }) => twoWorkers(clock, (set) => set.leases),
  runtimeState: ({ clock }) => twoWorkers(clock, (set) => set.runtimeState),
});
