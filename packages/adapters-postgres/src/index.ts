export type { Database, PortDeps } from './database.ts';
export {
  isStreamVersionConflict,
  PostgresUnavailableError,
  translatePostgresError,
} from './errors.ts';
export { MIGRATIONS_FOLDER, migrate, migrateDatabase } from './migrate.ts';
export * from './postgres-adapter-set.ts';
export * from './postgres-cache.ts';
export * from './postgres-event-store.ts';
export * from './postgres-leases.ts';
export * from './postgres-rate-limiter.ts';
export * from './postgres-runtime-state.ts';
export * from './postgres-session-store.ts';
export type { PurgeOptions, PurgeResult } from './purge-expired.ts';
export * as schema from './schema/index.ts';
export type { InvalidationBusOptions } from './tiered/invalidation-bus.ts';
export type { TieredOptions } from './tiered/tiered-session-store.ts';
