export * from './contract-kit.ts';
export * from './contracts/cache.contract.ts';
export * from './contracts/event-store.contract.ts';
export * from './contracts/leases.contract.ts';
export * from './contracts/rate-limiter.contract.ts';
export * from './contracts/runtime-state.contract.ts';
export * from './contracts/session-manager.contract.ts';
export * from './contracts/session-store.contract.ts';
