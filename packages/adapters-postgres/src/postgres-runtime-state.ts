import type { RuntimeEntry, RuntimeSetOptions, RuntimeState } from '@bangui/core';
import type { PortDeps } from './database.ts';
import { withTranslatedErrors } from './errors.ts';
import { toJsonText, toNullableNumber, toNumber } from './json.ts';
import { listen, RUNTIME_STATE_CHANNEL } from './notifications.ts';

export interface PostgresRuntimeState extends RuntimeState {
  /** stops listening for changes (the client itself is closed by its owner) */
  close(): Promise<void>;
}

interface WrittenRow {
  revision: string;
  expires_at: string | null;
}

/**
 * Runtime state in one table. Every write is ONE statement that also calls
 * pg_notify(channel, key): the notification is sent at commit, to every
 * listening instance, only when the write happened (a failed CAS notifies
 * nobody). Revisions come from one sequence (never reused). Expiry compares
 * expires_at with the injected clock; expired rows are simply invisible.
 *
 * Async because the LISTEN must be active before `subscribe` can be called
 * (subscribe is synchronous in the port and must not miss later changes).
 */
export async function createPostgresRuntimeState({
  sql,
  clock,
}: Pick<PortDeps, 'sql' | 'clock'>): Promise<PostgresRuntimeState> {
  const listeners = new Set<(key: string) => void>();
  const unlisten = await listen(sql, RUNTIME_STATE_CHANNEL, (key) => {
    for (const listener of [...listeners]) {
      // A throwing listener must not starve the others.
      try {
        listener(key);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  });

  const expiresAtFor = (options?: RuntimeSetOptions): number | null =>
    options?.ttlMs === undefined ? null : clock.now() + options.ttlMs;

  // The value handed back is parsed from the JSON we sent: a fresh copy, with
  // exactly what JSON (and so jsonb) keeps.
  const entry = <T>(text: string, row: WrittenRow): RuntimeEntry<T> => ({
    value: JSON.parse(text) as T,
    revision: toNumber(row.revision),
    expiresAt: toNullableNumber(row.expires_at),
  });

  return withTranslatedErrors<PostgresRuntimeState>({
    async get<T>(key: string) {
      const [row] = await sql<{ value: T; revision: string; expires_at: string | null }[]>`
        select value, revision, expires_at from runtime_state
        where key = ${key} and (expires_at is null or expires_at > ${clock.now()})`;
      return (
        row && {
          value: row.value,
          revision: toNumber(row.revision),
          expiresAt: toNullableNumber(row.expires_at),
        }
      );
    },

    async set<T>(key: string, value: T, options?: RuntimeSetOptions) {
      const text = toJsonText(value);
      const [row] = await sql<WrittenRow[]>`
        insert into runtime_state as r (key, value, revision, expires_at)
        values (${key}, ${text}::text::jsonb, nextval('runtime_state_revision'), ${expiresAtFor(options)})
        on conflict (key) do update
          set value = excluded.value, revision = excluded.revision, expires_at = excluded.expires_at
        returning r.revision, r.expires_at, pg_notify(${RUNTIME_STATE_CHANNEL}, r.key)`;
      if (!row) throw new Error('runtime_state upsert returned no row');
      return entry<T>(text, row);
    },

    async setIfAbsent<T>(key: string, value: T, options?: RuntimeSetOptions) {
      const text = toJsonText(value);
      // The conflict branch updates only an expired row: a live row makes the
      // statement return nothing. The row lock taken by ON CONFLICT makes
      // concurrent callers queue, so exactly one of them writes.
      const [row] = await sql<WrittenRow[]>`
        insert into runtime_state as r (key, value, revision, expires_at)
        values (${key}, ${text}::text::jsonb, nextval('runtime_state_revision'), ${expiresAtFor(options)})
        on conflict (key) do update
          set value = excluded.value, revision = excluded.revision, expires_at = excluded.expires_at
          where r.expires_at is not null and r.expires_at <= ${clock.now()}
        returning r.revision, r.expires_at, pg_notify(${RUNTIME_STATE_CHANNEL}, r.key)`;
      return row && entry<T>(text, row);
    },

    async compareAndSet<T>(
      key: string,
      expectedRevision: number,
      value: T,
      options?: RuntimeSetOptions,
    ) {
      const text = toJsonText(value);
      // One UPDATE ... WHERE revision = expected: concurrent callers queue on
      // the row lock and re-check the WHERE against the winner's new revision,
      // so exactly one of them succeeds.
      const [row] = await sql<WrittenRow[]>`
        update runtime_state
          set value = ${text}::text::jsonb, revision = nextval('runtime_state_revision'),
              expires_at = ${expiresAtFor(options)}
        where key = ${key} and revision = ${expectedRevision}
          and (expires_at is null or expires_at > ${clock.now()})
        returning revision, expires_at, pg_notify(${RUNTIME_STATE_CHANNEL}, key)`;
      return row && entry<T>(text, row);
    },

    async delete(key) {
      // Deleting an expired row is cleanup, not a change: it reports false and notifies nobody.
      const rows = await sql`
        with deleted as (delete from runtime_state where key = ${key} returning key, expires_at)
        select pg_notify(${RUNTIME_STATE_CHANNEL}, key) from deleted
        where expires_at is null or expires_at > ${clock.now()}`;
      return rows.length > 0;
    },

    subscribe(listener) {
      // Wrapped so subscribing the same function twice yields two independent subscriptions.
      const wrapped = (key: string) => listener(key);
      listeners.add(wrapped);
      return () => {
        listeners.delete(wrapped);
      };
    },

    async close() {
      listeners.clear();
      await unlisten();
    },
  });
}
