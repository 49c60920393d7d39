import {
  cacheContract,
  rateLimiterContract,
  runtimeStateContract,
  sessionManagerContract,
  sessionStoreContract,
} from '@bangui/core/testing';
import { createMemoryCache } from '../src/memory-cache.ts';
import { createMemoryRateLimiter } from '../src/memory-rate-limiter.ts';
import { createMemoryRuntimeState } from '../src/memory-runtime-state.ts';
import { createMemorySessionStore } from '../src/memory-session-store.ts';

// Memory adapters are process-scoped: no second instance can share their state.
const noPeer = 'process-scoped adapter: a second instance never shares state (one worker only)';

sessionStoreContract('memory', ({ clock }) => ({ instance: createMemorySessionStore({ clock }) }), {
  skip: { 'peer-visibility': noPeer },
});
sessionManagerContract(
  'memory',
  ({ clock }) => ({ instance: createMemorySessionStore({ clock }) }),
  {
    skip: { 'peer-revocation': noPeer },
  },
);
runtimeStateContract('memory', ({ clock }) => ({ instance: createMemoryRuntimeState({ clock }) }), {
  skip: { 'peer-visibility': noPeer, 'peer-notification': noPeer },
});
cacheContract('memory', ({ clock }) => ({ instance: createMemoryCache({ clock }) }), {
  skip: { 'peer-visibility': noPeer },
});
rateLimiterContract('memory', ({ clock }) => ({ instance: createMemoryRateLimiter({ clock }) }), {
  skip: { 'peer-concurrent-consumes': noPeer },
});
