import { createManualClock, createSessionManager, type ManualClock } from '@bangui/core';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresAdapterSet, type PostgresAdapterSet } from '../src/postgres-adapter-set.ts';
import { freshDatabase } from './helpers/adapter-sets.ts';

// Far longer than any test: only invalidation can make a cached entry go away.
const LONG_TTL = 10 * 60_000;

const open: PostgresAdapterSet[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((set) => set.close()));
});

async function workers(url: string, clock: ManualClock, pollIntervalMs = 60_000) {
  const make = async () => {
    const set = await createPostgresAdapterSet({
      url,
      clock,
      max: 2,
      localTier: { ttlMs: LONG_TTL, pollIntervalMs },
    });
    open.push(set);
    return set;
  };
  return [await make(), await make()] as const;
}

/** Retries `check` a few times over at most ~2 s: propagation is asynchronous, never unbounded. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('tiered sessions and cache across two instances', () => {
  it('a logout on one instance ends the session on the other, whose copy was cached', async () => {
    const clock = createManualClock(1_000_000);
    const [a, b] = await workers(await freshDatabase(), clock);
    const onA = createSessionManager({ store: a.sessions, clock });
    const onB = createSessionManager({ store: b.sessions, clock });
    const { token } = await onA.create('admin');
    expect(await onB.validate(token)).toBeDefined(); // now cached on B
    expect(await onB.validate(token)).toBeDefined();

    await onA.revoke(token);

    expect(await eventually(async () => (await onB.validate(token)) === undefined)).toBe(true);
  });

  it('revokeAllForUser on one instance ends every cached session of that user on the other', async () => {
    const clock = createManualClock(1_000_000);
    const [a, b] = await workers(await freshDatabase(), clock);
    const onA = createSessionManager({ store: a.sessions, clock });
    const onB = createSessionManager({ store: b.sessions, clock });
    const tokens = await Promise.all([1, 2, 3].map(async () => (await onA.create('admin')).token));
    const other = (await onA.create('someone-else')).token;
    for (const token of [...tokens, other]) expect(await onB.validate(token)).toBeDefined();

    expect(await onA.revokeAllForUser('admin')).toBe(3);

    for (const token of tokens) {
      expect(await eventually(async () => (await onB.validate(token)) === undefined)).toBe(true);
    }
    expect(await onB.validate(other)).toBeDefined();
  });

  it('a touch on one instance refreshes lastSeenAt on the other (no expiry from a stale copy)', async () => {
    const clock = createManualClock(1_000_000);
    const [a, b] = await workers(await freshDatabase(), clock);
    const options = { clock, inactivityMs: 10_000, touchIntervalMs: 1_000 };
    const onA = createSessionManager({ store: a.sessions, ...options });
    const onB = createSessionManager({ store: b.sessions, ...options });
    const { token, session } = await onA.create('admin');
    expect(await onB.validate(token)).toBeDefined(); // B caches lastSeenAt = creation
    clock.advance(8_000);
    expect((await onA.validate(token))?.lastSeenAt).toBe(session.createdAt + 8_000); // A touches
    clock.advance(8_000); // 16 s after B's copy, 8 s after the touch
    expect(
      await eventually(
        async () => (await b.sessions.get(session.id))?.lastSeenAt === clock.now() - 8_000,
      ),
    ).toBe(true);
    expect(await onB.validate(token)).toBeDefined();
  });

  it('a cache set on one instance replaces the value cached on the other', async () => {
    const clock = createManualClock(1_000_000);
    const [a, b] = await workers(await freshDatabase(), clock);
    await a.cache.set('k', { v: 1 });
    expect(await b.cache.get('k')).toEqual({ v: 1 });
    await a.cache.set('k', { v: 2 });
    expect(await eventually(async () => (await b.cache.get<{ v: number }>('k'))?.v === 2)).toBe(
      true,
    );
    await a.cache.delete('k');
    expect(await eventually(async () => (await b.cache.get('k')) === undefined)).toBe(true);
  });

  it('a locally cached value does not outlive its shared expiry', async () => {
    const clock = createManualClock(1_000_000);
    const [a] = await workers(await freshDatabase(), clock);
    await a.cache.set('short', 'x', 1_000);
    expect(await a.cache.get('short')).toBe('x');
    clock.advance(1_000);
    expect(await a.cache.get('short')).toBeUndefined();
  });

  it('a missed notification is caught by polling the change counter', async () => {
    const clock = createManualClock(1_000_000);
    const url = await freshDatabase();
    const [a, b] = await workers(url, clock, 50);
    const onA = createSessionManager({ store: a.sessions, clock });
    const onB = createSessionManager({ store: b.sessions, clock });
    const { token, session } = await onA.create('admin');
    expect(await onB.validate(token)).toBeDefined();
    // A writer that deletes the row and bumps the counter but never notifies
    // (as if B's LISTEN connection had been down at that moment).
    const raw = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await raw`delete from sessions where id = ${session.id}`;
      await raw`select nextval('cache_invalidation')`;
    } finally {
      await raw.end();
    }
    expect(await eventually(async () => (await onB.validate(token)) === undefined)).toBe(true);
  });
});
