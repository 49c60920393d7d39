import { describe, expect, it, vi } from 'vitest';
import { createMemoryEventStore } from '../src/memory-event-store.ts';

describe('createMemoryEventStore (memory specifics)', () => {
  it('stops a subscription whose listener throws and reports the error; others go on', async () => {
    const errors: unknown[] = [];
    const store = createMemoryEventStore({ onSubscriberError: (e) => errors.push(e) });
    const failing: number[] = [];
    const healthy: number[] = [];
    store.subscribe((events) => {
      failing.push(events.length);
      throw new Error('projection bug');
    });
    const unsubscribe = store.subscribe((events) => void healthy.push(events.length));
    await store.append('s', [{ type: 't', data: 1 }], { expectedVersion: 0 });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    await store.append('s', [{ type: 't', data: 2 }], { expectedVersion: 1 });
    await vi.waitFor(() => expect(healthy).toEqual([1, 1]));
    expect(failing).toEqual([1]);
    expect((errors[0] as Error).message).toBe('projection bug');
    unsubscribe();
    await store.close();
  });

  it('rejects positions it never handed out', async () => {
    const store = createMemoryEventStore();
    for (const after of ['-1', 'abc', '1.5', '01']) {
      await expect(store.readAll({ after })).rejects.toThrow(TypeError);
      expect(() => store.subscribe(() => {}, { after })).toThrow(/not a position/);
    }
    await store.close();
  });

  it('rejects data that is not JSON without reserving a version', async () => {
    const store = createMemoryEventStore();
    await expect(
      store.append('s', [{ type: 't', data: { big: 1n } }], { expectedVersion: 0 }),
    ).rejects.toThrow(TypeError);
    expect(
      (await store.append('s', [{ type: 't', data: 1 }], { expectedVersion: 0 })).nextVersion,
    ).toBe(1);
    await store.close();
  });

  it('delivers catch-up in bounded batches', async () => {
    const store = createMemoryEventStore();
    const events = Array.from({ length: 1200 }, (_, n) => ({ type: 't', data: n }));
    await store.append('s', events, { expectedVersion: 0 });
    const sizes: number[] = [];
    const unsubscribe = store.subscribe((batch) => void sizes.push(batch.length));
    await vi.waitFor(() => expect(sizes.reduce((a, b) => a + b, 0)).toBe(1200));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500);
    unsubscribe();
    await store.close();
  });
});
