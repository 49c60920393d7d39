import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../src/memory-cache.ts';
import { createMemoryRateLimiter } from '../src/memory-rate-limiter.ts';
import { createMemorySessionStore } from '../src/memory-session-store.ts';

const record = (id: string, userId: string) => ({
  id,
  secretHash: '00'.repeat(32),
  userId,
  createdAt: 0,
  lastSeenAt: 0,
  expiresAt: Number.MAX_SAFE_INTEGER,
});

describe('memory adapters stay bounded', () => {
  it('session store evicts the least recently used session and keeps the user index in step', async () => {
    const store = createMemorySessionStore({ maxSessions: 2 });
    await store.create(record('a', 'alice'));
    await store.create(record('b', 'alice'));
    await store.create(record('c', 'bob'));
    expect(await store.get('a')).toBeUndefined();
    expect((await store.listByUser('alice')).map((r) => r.id)).toEqual(['b']);
    expect(await store.deleteByUser('alice')).toBe(1);
  });

  it('cache evicts beyond maxEntries', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set('a', 1);
    await cache.set('b', 2);
    await cache.set('c', 3);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('c')).toBe(3);
  });

  it('rate limiter forgets the least recently used key beyond maxKeys', async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 2 });
    const policy = { limit: 1, windowMs: 60_000 };
    for (const key of ['a', 'b', 'c']) await limiter.consume(key, policy);
    // 'a' was evicted, so it gets a fresh allowance; 'c' is still limited.
    expect((await limiter.consume('a', policy)).allowed).toBe(true);
    expect((await limiter.consume('c', policy)).allowed).toBe(false);
  });
});
