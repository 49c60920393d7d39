import type { PortDeps } from './database.ts';
import { translatePostgresError } from './errors.ts';

export interface PurgeOptions {
  /** sessions idle this long are gone for the session manager too (its inactivity timeout) */
  sessionInactivityMs: number;
}

export interface PurgeResult {
  sessions: number;
  cache: number;
  runtimeState: number;
  rateLimits: number;
}

/**
 * Deletes rows every port already treats as absent, so tables do not grow
 * forever: expired sessions, cache entries and runtime state, and rate-limit
 * rows whose theoretical arrival time has passed (GCRA: such a key is exactly
 * as allowed as a key never seen). Run by one worker per tick (a claimed job).
 * No NOTIFY: nothing visible changes, so no local tier needs to hear of it.
 */
export async function purgeExpired(
  { sql, clock }: Pick<PortDeps, 'sql' | 'clock'>,
  options: PurgeOptions,
): Promise<PurgeResult> {
  const now = clock.now();
  try {
    const sessions = await sql`
      delete from sessions
      where expires_at <= ${now} or last_seen_at <= ${now - options.sessionInactivityMs}`;
    const cache = await sql`delete from cache_entries where expires_at <= ${now}`;
    const runtimeState = await sql`delete from runtime_state where expires_at <= ${now}`;
    const rateLimits = await sql`delete from rate_limits where tat <= ${now}::float8`;
    return {
      sessions: sessions.count,
      cache: cache.count,
      runtimeState: runtimeState.count,
      rateLimits: rateLimits.count,
    };
  } catch (error) {
    throw translatePostgresError(error);
  }
}
