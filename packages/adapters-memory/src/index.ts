export * from './memory-adapter-set.ts';
export * from './memory-cache.ts';
export * from './memory-rate-limiter.ts';
export * from './memory-runtime-state.ts';
export * from './memory-session-store.ts';
