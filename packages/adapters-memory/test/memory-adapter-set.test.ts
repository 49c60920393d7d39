import { checkWorkerRule, createManualClock, WorkerRuleError } from '@bangui/core';
import { describe, expect, it } from 'vitest';
import { createMemoryAdapterSet } from '../src/memory-adapter-set.ts';

describe('createMemoryAdapterSet', () => {
  it('is process-scoped, so the worker rule rejects it with 2 workers and accepts 1', () => {
    const adapters = createMemoryAdapterSet();
    expect(adapters.scope).toBe('process');
    expect(adapters.name).toBe('memory');
    expect(() => checkWorkerRule(adapters, 2)).toThrow(WorkerRuleError);
    expect(() => checkWorkerRule(adapters, 1)).not.toThrow();
  });

  it('wires the injected clock into every port', async () => {
    const clock = createManualClock();
    const adapters = createMemoryAdapterSet({ clock });
    await adapters.cache.set('k', 1, 100);
    await adapters.runtimeState.set('k', 1, { ttlMs: 100 });
    const policy = { limit: 1, windowMs: 100 };
    await adapters.rateLimiter.consume('k', policy);
    clock.advance(100);
    expect(await adapters.cache.get('k')).toBeUndefined();
    expect(await adapters.runtimeState.get('k')).toBeUndefined();
    expect((await adapters.rateLimiter.consume('k', policy)).allowed).toBe(true);
    await adapters.close();
  });
});
