import type { Sql } from 'postgres';
import { CACHE_INVALIDATION_CHANNEL, listen } from '../notifications.ts';

/** A local tier (an LRU in front of PostgreSQL) as the bus sees it. */
export interface LocalTier {
  /** drops what `key` names (a tier ignores keys of other tiers) */
  drop(key: string): void;
  /** drops everything: invalidations may have been missed */
  clear(): void;
}

export interface InvalidationBus {
  /**
   * Drops `keys` here at once, then tells every other instance through one
   * NOTIFY (delivered at commit). Call it AFTER the write it announces has
   * committed, so no instance can re-read the old row once it got the message.
   */
  publish(keys: readonly string[]): Promise<void>;
  /** bumped by every invalidation seen here: a read that started before a bump must not be cached */
  readonly generation: number;
  /** false while the bus cannot vouch for the local tiers (the counter cannot be read): bypass them */
  readonly trusted: boolean;
  attach(tier: LocalTier): void;
  close(): Promise<void>;
}

export interface InvalidationBusOptions {
  /** how often the change counter is compared with what was notified (default 1000 ms) */
  pollIntervalMs?: number;
  /** a poll failed or found a missed invalidation (default: nothing) */
  onWarning?: (message: string) => void;
}

// Bigger payloads are refused by NOTIFY (8000 bytes): such an invalidation clears everything.
const MAX_PAYLOAD = 7_000;
const CLEAR_ALL = '*';

/**
 * Keeps the per-worker local tiers coherent. Each invalidation takes the next
 * value of the `cache_invalidation` sequence and carries it in its NOTIFY
 * (`<n> <json keys>`); the highest value notified here is `seen`. LISTEN is the
 * fast path (a revocation reaches every worker at once). The fallback is the
 * poll: a `last_value` above `seen` means a notification was missed (the
 * LISTEN connection dropped, or is reconnecting), so every tier is cleared.
 * When even the poll fails the bus stops vouching for the tiers until it
 * succeeds again: a worker cut off from PostgreSQL must not keep honouring
 * sessions that may have been revoked meanwhile.
 */
export async function createInvalidationBus(
  sql: Sql,
  options: InvalidationBusOptions = {},
): Promise<InvalidationBus> {
  const tiers: LocalTier[] = [];
  let generation = 0;
  let seen = 0;
  let trusted = false;
  let polling: Promise<void> | undefined;
  const warn = options.onWarning ?? (() => {});

  const dropLocal = (keys: readonly string[]) => {
    generation++;
    for (const key of keys) {
      if (key === CLEAR_ALL) for (const tier of tiers) tier.clear();
      else for (const tier of tiers) tier.drop(key);
    }
  };
  const clearLocal = () => {
    generation++;
    for (const tier of tiers) tier.clear();
  };

  const onNotify = (payload: string) => {
    const space = payload.indexOf(' ');
    const n = Number(payload.slice(0, space));
    if (n > seen) seen = n;
    let keys: unknown;
    try {
      keys = JSON.parse(payload.slice(space + 1));
    } catch {
      keys = undefined;
    }
    if (Array.isArray(keys)) dropLocal(keys.map(String));
    else clearLocal();
  };

  const readCounter = async (): Promise<number> => {
    const [row] = await sql<{ last_value: string; is_called: boolean }[]>`
      select last_value, is_called from cache_invalidation`;
    return row?.is_called ? Number(row.last_value) : 0;
  };

  const poll = async () => {
    try {
      const counter = await readCounter();
      if (counter > seen) {
        // Either missed or still in flight; both are settled by a clear.
        if (trusted)
          warn(
            `cache: invalidations up to ${counter} were not notified here; cleared the local tier`,
          );
        clearLocal();
        seen = counter;
      }
      trusted = true;
    } catch (error) {
      if (trusted)
        warn(`cache: cannot read the invalidation counter, local tier bypassed: ${String(error)}`);
      trusted = false;
      clearLocal();
    }
  };

  // LISTEN first, then read the counter: nothing committed after the read is missed.
  const unlisten = await listen(sql, CACHE_INVALIDATION_CHANNEL, onNotify, clearLocal);
  seen = await readCounter();
  trusted = true;
  const timer = setInterval(() => {
    polling ??= poll().finally(() => {
      polling = undefined;
    });
  }, options.pollIntervalMs ?? 1000);
  timer.unref();

  return {
    async publish(keys) {
      if (keys.length === 0) return;
      dropLocal(keys);
      let text = JSON.stringify(keys);
      if (text.length > MAX_PAYLOAD) text = JSON.stringify([CLEAR_ALL]);
      await sql`
        select pg_notify(${CACHE_INVALIDATION_CHANNEL}, nextval('cache_invalidation')::text || ' ' || ${text})`;
    },
    get generation() {
      return generation;
    },
    get trusted() {
      return trusted;
    },
    attach(tier) {
      tiers.push(tier);
    },
    async close() {
      clearInterval(timer);
      await polling;
      tiers.length = 0;
      await unlisten();
    },
  };
}
