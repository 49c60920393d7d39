import { type AdapterSet, type Clock, systemClock } from '@bangui/core';
import type { Sql } from 'postgres';
import { type Database, openDatabase } from './database.ts';
import { translatePostgresError } from './errors.ts';
import { createPostgresCache } from './postgres-cache.ts';
import {
  createPostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres-event-store.ts';
import { createPostgresLeases } from './postgres-leases.ts';
import { createPostgresRateLimiter } from './postgres-rate-limiter.ts';
import { createPostgresRuntimeState } from './postgres-runtime-state.ts';
import { createPostgresSessionStore } from './postgres-session-store.ts';
import { type PurgeOptions, type PurgeResult, purgeExpired } from './purge-expired.ts';
import { createInvalidationBus, type InvalidationBusOptions } from './tiered/invalidation-bus.ts';
import { createTieredCache } from './tiered/tiered-cache.ts';
import { createTieredSessionStore, type TieredOptions } from './tiered/tiered-session-store.ts';

export interface PostgresAdapterSetOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  clock?: Clock;
  /** connection pool size per process (default 10); LISTEN uses one more connection */
  max?: number;
  eventStore?: PostgresEventStoreOptions;
  /**
   * The per-worker LRU in front of sessions and the cache, kept coherent
   * across workers by LISTEN/NOTIFY (default on); false = every read goes to
   * PostgreSQL (for comparison in benchmarks and tests).
   */
  localTier?: (TieredOptions & InvalidationBusOptions) | false;
}

export interface PostgresAdapterSet extends AdapterSet {
  /** the client, e.g. for `migrate(adapters.sql)` at startup */
  readonly sql: Sql;
  readonly db: Database;
  /** one round trip: resolves when PostgreSQL answers, rejects with PostgresUnavailableError otherwise */
  ping(): Promise<void>;
  /** deletes rows every port already treats as expired (run from one worker per tick) */
  purgeExpired(options: PurgeOptions): Promise<PurgeResult>;
}

/**
 * What the worker rule reads, available before anything is opened, so a
 * refused start opens no connection.
 */
export const POSTGRES_ADAPTER_SET_INFO = { name: 'postgres', scope: 'shared' } as const;

/**
 * Every port in PostgreSQL: correct for any number of workers and machines.
 * Async because runtime-state and event-store subscriptions need their LISTEN
 * active before they can be used; the pool itself connects on first use.
 * Does not migrate: run `migrate(adapters.sql)` once at startup.
 */
export async function createPostgresAdapterSet(
  options: PostgresAdapterSetOptions,
): Promise<PostgresAdapterSet> {
  const { sql, db } = openDatabase({ url: options.url, max: options.max });
  const deps = { sql, db, clock: options.clock ?? systemClock };
  try {
    const runtimeState = await createPostgresRuntimeState(deps);
    const eventStore = await createPostgresEventStore(deps, options.eventStore);
    const tier = options.localTier ?? {};
    const bus = tier === false ? undefined : await createInvalidationBus(sql, tier);
    const sessions = createPostgresSessionStore(deps);
    const cache = createPostgresCache(deps);
    return {
      ...POSTGRES_ADAPTER_SET_INFO,
      sql,
      db,
      sessions: bus ? createTieredSessionStore(sessions, bus, tier || {}) : sessions,
      runtimeState,
      cache: bus ? createTieredCache(cache, bus, deps.clock, tier || {}) : cache,
      rateLimiter: createPostgresRateLimiter(deps),
      eventStore,
      leases: createPostgresLeases(deps),
      async ping() {
        try {
          await sql`select 1`;
        } catch (error) {
          throw translatePostgresError(error);
        }
      },
      purgeExpired: (purgeOptions) => purgeExpired(deps, purgeOptions),
      async close() {
        await bus?.close();
        await eventStore.close();
        await runtimeState.close();
        // Ends the pool and the LISTEN connection; queries already queued finish first.
        await sql.end({ timeout: 5 });
      },
    };
  } catch (error) {
    await sql.end({ timeout: 0 });
    // e.g. the LISTEN connection was refused: a PostgresUnavailableError at startup
    throw translatePostgresError(error);
  }
}
