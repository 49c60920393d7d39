export * from './data-dir-lock.ts';
export { JournalCorruptError } from './journal-frame.ts';
export * from './memory-adapter-set.ts';
export * from './memory-cache.ts';
export * from './memory-event-store.ts';
export * from './memory-leases.ts';
export * from './memory-rate-limiter.ts';
export * from './memory-runtime-state.ts';
export * from './memory-session-store.ts';
