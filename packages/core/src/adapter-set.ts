import type { Cache } from './cache.ts';
import type { EventStore } from './event-store.ts';
import type { Leases } from './leases.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { RuntimeState } from './runtime-state.ts';
import type { SessionStore } from './session-store.ts';

/**
 * 'process': state lives in this process only (correct for exactly one worker).
 * 'shared': state is shared by every worker and machine using the same backend.
 */
export type AdapterScope = 'process' | 'shared';

export interface AdapterSet {
  readonly name: string;
  readonly scope: AdapterScope;
  readonly sessions: SessionStore;
  readonly runtimeState: RuntimeState;
  readonly cache: Cache;
  readonly rateLimiter: RateLimiter;
  readonly eventStore: EventStore;
  readonly leases: Leases;
  close(): Promise<void>;
}
