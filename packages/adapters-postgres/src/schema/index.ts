export * from './cache.ts';
export * from './events.ts';
export * from './invalidations.ts';
export * from './leases.ts';
export * from './rate-limits.ts';
export * from './runtime-state.ts';
export * from './sessions.ts';
