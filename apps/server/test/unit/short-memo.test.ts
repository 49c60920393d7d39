import { createManualClock } from '@bangui/core';
import { describe, expect, it } from 'vitest';
import { createShortMemo } from '../../src/cache/short-memo.ts';

/** A fetch whose answers the test releases by hand. */
function controlledFetch() {
  const pending: Array<{ key: string; resolve: (v: string) => void; reject: (e: Error) => void }> =
    [];
  let calls = 0;
  return {
    fetch: (key: string) =>
      new Promise<string>((resolve, reject) => {
        calls++;
        pending.push({ key, resolve, reject });
      }),
    answer(value: string) {
      pending.shift()?.resolve(value);
    },
    fail(message: string) {
      pending.shift()?.reject(new Error(message));
    },
    calls: () => calls,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('createShortMemo', () => {
  it('shares one fetch between concurrent callers and serves it until the TTL', async () => {
    const clock = createManualClock();
    const f = controlledFetch();
    const memo = createShortMemo({ fetch: f.fetch, clock, ttlMs: 1000 });
    const a = memo.get('k');
    const b = memo.get('k');
    f.answer('v1');
    expect(await a).toBe('v1');
    expect(await b).toBe('v1');
    clock.advance(999);
    expect(await memo.get('k')).toBe('v1');
    expect(f.calls()).toBe(1);
  });

  it('without staleMs, waits for a new value once the TTL passed', async () => {
    const clock = createManualClock();
    const f = controlledFetch();
    const memo = createShortMemo({ fetch: f.fetch, clock, ttlMs: 1000 });
    const first = memo.get('k');
    f.answer('v1');
    await first;
    clock.advance(1000);
    const second = memo.get('k');
    f.answer('v2');
    expect(await second).toBe('v2');
  });

  it('serves a stale value at once while one background fetch refreshes it', async () => {
    const clock = createManualClock();
    const f = controlledFetch();
    const memo = createShortMemo({ fetch: f.fetch, clock, ttlMs: 1000, staleMs: 30_000 });
    const first = memo.get('k');
    f.answer('v1');
    await first;
    clock.advance(5000);
    expect(await memo.get('k')).toBe('v1');
    expect(await memo.get('k')).toBe('v1');
    expect(f.calls()).toBe(2);
    f.answer('v2');
    await tick();
    expect(await memo.get('k')).toBe('v2');
    expect(f.calls()).toBe(2);
  });

  it('waits for a fresh value once even the stale window passed', async () => {
    const clock = createManualClock();
    const f = controlledFetch();
    const memo = createShortMemo({ fetch: f.fetch, clock, ttlMs: 1000, staleMs: 5000 });
    const first = memo.get('k');
    f.answer('v1');
    await first;
    clock.advance(5000);
    const next = memo.get('k');
    f.answer('v2');
    expect(await next).toBe('v2');
  });

  it('drops a value whose background refresh failed, so the next caller sees the error', async () => {
    const clock = createManualClock();
    const f = controlledFetch();
    const memo = createShortMemo({ fetch: f.fetch, clock, ttlMs: 1000, staleMs: 30_000 });
    const first = memo.get('k');
    f.answer('v1');
    await first;
    clock.advance(2000);
    expect(await memo.get('k')).toBe('v1');
    f.fail('fail2ban is down');
    await tick();
    const next = memo.get('k');
    f.fail('fail2ban is down');
    await expect(next).rejects.toThrow('fail2ban is down');
  });

  it('forgets a failed fetch at once and an invalidated key', async () => {
    const clock = createManualClock();
    const f = controlledFetch();
    const memo = createShortMemo({ fetch: f.fetch, clock, ttlMs: 1000, staleMs: 30_000 });
    const failed = memo.get('k');
    f.fail('boom');
    await expect(failed).rejects.toThrow('boom');
    const retry = memo.get('k');
    f.answer('v1');
    expect(await retry).toBe('v1');
    memo.invalidate('k');
    const fresh = memo.get('k');
    f.answer('v2');
    expect(await fresh).toBe('v2');
    expect(f.calls()).toBe(3);
  });
});
