import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkerRule, createManualClock, WorkerRuleError } from '@bangui/core';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../src/data-dir-lock.ts';
import { createMemoryAdapterSet } from '../src/memory-adapter-set.ts';
import { useTempDirs } from './helpers/temp-dir.ts';

const tempDir = useTempDirs();

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

  it('keeps events in memory only when no dataDir is given', async () => {
    const adapters = createMemoryAdapterSet();
    await adapters.eventStore.append('s', [{ type: 't', data: 1 }], { expectedVersion: 0 });
    expect(await adapters.eventStore.readStream('s')).toHaveLength(1);
    await adapters.close();
  });

  it('with dataDir, journals events, holds the lock until close, and replays on restart', async () => {
    const dataDir = tempDir();
    const clock = createManualClock();
    const first = createMemoryAdapterSet({ dataDir, clock });
    expect(first.scope).toBe('process');
    await first.eventStore.append('s', [{ type: 't', data: 1 }], { expectedVersion: 0 });
    expect(existsSync(join(dataDir, 'events.journal'))).toBe(true);
    expect(() => createMemoryAdapterSet({ dataDir })).toThrow(DataDirLockedError);
    await first.close();
    const second = createMemoryAdapterSet({ dataDir });
    expect(await second.eventStore.readStream('s')).toMatchObject([
      { data: 1, recordedAt: clock.now() },
    ]);
    await second.close();
  });

  it('uses a lock the caller holds and leaves it held after close', async () => {
    const dataDir = tempDir();
    const lock = acquireDataDirLock(dataDir);
    const adapters = createMemoryAdapterSet({ dataDir, dataDirLock: lock });
    await adapters.close();
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });
});
