import {
  cacheContract,
  eventStoreContract,
  leasesContract,
  rateLimiterContract,
  runtimeStateContract,
  sessionManagerContract,
  sessionStoreContract,
} from '@bangui/core/testing';
import { freshDatabase, twoWorkers } from './helpers/adapter-sets.ts';

// Every core contract, unchanged, with a peer: a second adapter set on the same
// database, as another worker would open it. Nothing is skipped.
sessionStoreContract('postgres', ({ clock }) => twoWorkers(clock, (set) => set.sessions));
sessionManagerContract('postgres', ({ clock }) => twoWorkers(clock, (set) => set.sessions));
runtimeStateContract('postgres', ({ clock }) => twoWorkers(clock, (set) => set.runtimeState));
cacheContract('postgres', ({ clock }) => twoWorkers(clock, (set) => set.cache));
rateLimiterContract('postgres', ({ clock }) => twoWorkers(clock, (set) => set.rateLimiter));
leasesContract('postgres', ({ clock }) => twoWorkers(clock, (set) => set.leases));
// A database per test: the `head-empty` case needs an empty log, and the
// global reads of one test stay out of the others' way.
eventStoreContract('postgres', async ({ clock }) =>
  twoWorkers(clock, (set) => set.eventStore, await freshDatabase()),
);
