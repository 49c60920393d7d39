import postgres from 'postgres';

/**
 * A writer that bypasses the event store: it inserts one event row in a
 * transaction and keeps that transaction open until told to commit or roll
 * back. An append to the same (stream, version) blocks on the unique index
 * meanwhile, with its own transaction open and its position already taken.
 */
export async function openBlockingWriter(
  url: string,
  stream: string,
  version: number,
): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let finish: (commit: boolean) => void = () => {};
  const decided = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  let inserted: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    inserted = resolve;
  });
  const done = sql
    .begin(async (tx) => {
      await tx`
        insert into events (stream, version, type, data, metadata, recorded_at)
        values (${stream}, ${version}, 'bypass', '{}'::jsonb, '{}'::jsonb, 0)`;
      inserted();
      if (!(await decided)) throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    })
    .finally(() => sql.end());
  await Promise.race([ready, done]);
  return {
    async commit() {
      finish(true);
      await done;
    },
    async rollback() {
      finish(false);
      await done;
    },
  };
}

class RolledBack extends Error {}

/** How many lock requests in this database are waiting (not granted). */
export async function waitingLocks(url: string): Promise<number> {
  const sql = postgres(url, { max: 1 });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int4 as n from pg_locks l
      join pg_stat_activity a on a.pid = l.pid
      where not l.granted and a.datname = current_database()`;
    return row?.n ?? 0;
  } finally {
    await sql.end();
  }
}
