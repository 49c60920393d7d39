export * from './adapter-set.ts';
export * from './cache.ts';
export * from './clock.ts';
export * from './rate-limiter.ts';
export * from './runtime-state.ts';
export * from './session-store.ts';
