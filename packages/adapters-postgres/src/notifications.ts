import type { Sql } from 'postgres';

/** NOTIFY channels, one per port that announces changes. */
export const RUNTIME_STATE_CHANNEL = 'bangui_runtime_state';
export const EVENTS_CHANNEL = 'bangui_events';
export const CACHE_INVALIDATION_CHANNEL = 'bangui_cache_invalidation';

/**
 * LISTENs on `channel` through postgres.js's one dedicated listen connection
 * per client (shared by every channel, closed by `sql.end()`). Resolves once
 * the LISTEN is active, so nothing notified afterwards is missed.
 * `onListen` runs again after postgres.js reconnects and re-listens: whatever
 * was notified while disconnected is lost, so callers re-read then.
 * Returns the function that stops listening.
 */
export async function listen(
  sql: Sql,
  channel: string,
  onNotify: (payload: string) => void,
  onListen: () => void = () => {},
): Promise<() => Promise<void>> {
  let first = true;
  const meta = await sql.listen(channel, onNotify, () => {
    if (first) first = false;
    else onListen();
  });
  return async () => {
    await meta.unlisten();
  };
}
