import { createManualClock } from '@bangui/core';
import { uniqueKey } from '@bangui/core/testing';
import { expect, inject, it } from 'vitest';
import { openDatabase } from '../src/database.ts';
import { isStreamVersionConflict, PostgresUnavailableError } from '../src/errors.ts';
import { createPostgresAdapterSet } from '../src/postgres-adapter-set.ts';
import { createPostgresCache } from '../src/postgres-cache.ts';
import { events } from '../src/schema/events.ts';
import { freeLoopbackPort } from '../src/testing/throwaway-postgres.ts';

const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected a rejection, the promise resolved'),
    (error: unknown) => error,
  );

it('recognises the (stream, version) violation through drizzle’s wrapping', async () => {
  const { sql, db } = openDatabase({ url: inject('databaseUrl'), max: 1 });
  try {
    const row = {
      stream: uniqueKey('dup'),
      version: 1,
      type: 't',
      data: {},
      metadata: {},
      recordedAt: 0,
    };
    await db.insert(events).values(row);
    const error = await rejection(
      db
        .insert(events)
        .values(row)
        .then(() => undefined),
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).cause).toMatchObject({ code: '23505' });
    expect(isStreamVersionConflict(error)).toBe(true);
    const other = await rejection(sql`insert into cache_entries (key, value) values ('x', null)`);
    expect(isStreamVersionConflict(other)).toBe(false);
  } finally {
    await sql.end();
  }
});

it('an unreachable server is a retryable PostgresUnavailableError, at startup and per call', async () => {
  const url = `postgres://postgres@127.0.0.1:${await freeLoopbackPort()}/nothing`;
  const atStart = await rejection(createPostgresAdapterSet({ url }));
  expect(atStart).toBeInstanceOf(PostgresUnavailableError);
  expect(atStart).toMatchObject({ code: 'POSTGRES_UNAVAILABLE', retryable: true });

  const { sql } = openDatabase({ url, max: 1 });
  try {
    const cache = createPostgresCache({ sql, clock: createManualClock() });
    expect(await rejection(cache.get('k'))).toBeInstanceOf(PostgresUnavailableError);
  } finally {
    await sql.end();
  }
});
