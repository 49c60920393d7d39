import { describe, expect, it } from 'vitest';
import { FencedOutError } from '../src/fenced-out-error.ts';
import { type FencedValue, fencedWrite } from '../src/fenced-write.ts';
import type { RuntimeEntry, RuntimeState } from '../src/runtime-state.ts';

/**
 * A minimal RuntimeState (no TTL, no listeners) whose every call yields to the
 * event loop first, so concurrent callers really interleave between get and CAS.
 * `beforeCas` lets a test slip a competing write in at the worst moment.
 */
function fakeState(beforeCas?: (state: RuntimeState, attempt: number) => Promise<void>) {
  const entries = new Map<string, RuntimeEntry>();
  let revision = 0;
  const calls = { cas: 0, lostCas: 0 };
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
  const write = <T>(key: string, value: T): RuntimeEntry<T> => {
    const entry = { value: structuredClone(value), revision: ++revision, expiresAt: null };
    entries.set(key, entry);
    return structuredClone(entry);
  };
  const state: RuntimeState = {
    async get<T>(key: string) {
      await tick();
      const e = entries.get(key);
      return e && (structuredClone(e) as RuntimeEntry<T>);
    },
    async set(key, value) {
      await tick();
      return write(key, value);
    },
    async setIfAbsent(key, value) {
      await tick();
      return entries.has(key) ? undefined : write(key, value);
    },
    async compareAndSet(key, expected, value) {
      calls.cas++;
      await beforeCas?.(state, calls.cas);
      await tick();
      if (entries.get(key)?.revision !== expected) {
        calls.lostCas++;
        return undefined;
      }
      return write(key, value);
    },
    async delete(key) {
      return entries.delete(key);
    },
    subscribe: () => () => {},
  };
  return { state, calls };
}

const lease = (token: number, name = 'sync') => ({ name, token });

describe('fencedWrite', () => {
  it('concurrent writers with the same token all land, retrying lost compare-and-sets', async () => {
    const { state, calls } = fakeState();
    await fencedWrite(state, 'k', -1, lease(5));
    const entries = await Promise.all(
      Array.from({ length: 10 }, (_, i) => fencedWrite(state, 'k', i, lease(5))),
    );
    // They all read the same revision, so all but one lost at least once and retried.
    expect(calls.lostCas).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.revision)).size).toBe(10);
    const last = entries.reduce((x, y) => (y.revision > x.revision ? y : x));
    expect((await state.get('k'))?.value).toEqual(last.value);
  });

  it('a same-token write slipped in between read and CAS costs one retry, not a refusal', async () => {
    const { state, calls } = fakeState(async (s, attempt) => {
      if (attempt === 1) await s.set('k', { value: 'other', fencingToken: 5, lease: 'sync' });
    });
    await fencedWrite(state, 'k', 'first', lease(5));
    const entry = await fencedWrite(state, 'k', 'mine', lease(5));
    // The first write created the key (setIfAbsent), so both CAS calls are the second write's.
    expect(calls).toEqual({ cas: 2, lostCas: 1 });
    expect(entry.value.value).toBe('mine');
  });

  it('a higher token slipped in between read and CAS is seen on the retry: FencedOutError', async () => {
    const { state } = fakeState(async (s, attempt) => {
      if (attempt === 1) await s.set('k', { value: 'new holder', fencingToken: 9, lease: 'sync' });
    });
    await fencedWrite(state, 'k', 'first', lease(5));
    const late = fencedWrite(state, 'k', 'late', lease(5));
    await expect(late).rejects.toBeInstanceOf(FencedOutError);
    await expect(late).rejects.toMatchObject({ writerToken: 5, fencingToken: 9, key: 'k' });
    expect((await state.get<FencedValue<string>>('k'))?.value.value).toBe('new holder');
  });

  it('a higher token overwrites a lower one', async () => {
    const { state } = fakeState();
    await fencedWrite(state, 'k', 'old', lease(3));
    await fencedWrite(state, 'k', 'new', lease(4));
    expect((await state.get('k'))?.value).toEqual({ value: 'new', fencingToken: 4, lease: 'sync' });
  });

  it('creating the key races through setIfAbsent: the loser re-reads and checks the token', async () => {
    const { state } = fakeState();
    const results = await Promise.allSettled([
      fencedWrite(state, 'k', 'high', lease(9)),
      fencedWrite(state, 'k', 'low', lease(1)),
    ]);
    // Whatever the order, the higher token's value is what remains.
    expect((await state.get<FencedValue<string>>('k'))?.value.fencingToken).toBe(9);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(FencedOutError);
    }
  });

  it('gives up after maxAttempts lost compare-and-sets', async () => {
    const { state } = fakeState(async (s) => {
      await s.set('k', { value: 'busy', fencingToken: 5, lease: 'sync' });
    });
    await state.set('k', { value: 'seed', fencingToken: 5, lease: 'sync' });
    await expect(fencedWrite(state, 'k', 'x', lease(5), { maxAttempts: 3 })).rejects.toThrow(
      /lost compare-and-set on 'k' 3 times/,
    );
  });

  it('refuses to overwrite an unfenced value or another lease', async () => {
    const { state } = fakeState();
    await state.set('plain', { cursor: 1 });
    await expect(fencedWrite(state, 'plain', 1, lease(5))).rejects.toThrow(
      /not written by fencedWrite/,
    );
    await fencedWrite(state, 'k', 1, lease(1, 'other'));
    await expect(fencedWrite(state, 'k', 2, lease(5))).rejects.toThrow(/fenced by lease 'other'/);
  });
});
