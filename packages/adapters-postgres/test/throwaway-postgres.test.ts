import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { expect, it } from 'vitest';
import { startThrowawayPostgres } from '../src/testing/throwaway-postgres.ts';

const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected a rejection, the promise resolved'),
    (error: unknown) => error,
  );

it('starts a server on a free loopback port, and stop() leaves nothing running or on disk', async () => {
  const server = await startThrowawayPostgres({ database: 'probe' });
  let stopped = false;
  try {
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/probe`);
    const sql = postgres(server.url, { max: 1 });
    try {
      const [row] = await sql<{ db: string; fsync: string }[]>`
        select current_database() as db, current_setting('fsync') as fsync`;
      expect(row).toEqual({ db: 'probe', fsync: 'off' });
    } finally {
      await sql.end();
    }
    await server.stop();
    stopped = true;
    expect(existsSync(server.dir)).toBe(false);
    const after = postgres(server.url, { max: 1, connect_timeout: 2 });
    try {
      expect(await rejection(after`select 1`)).toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await after.end();
    }
  } finally {
    if (!stopped) await server.stop();
  }
});
