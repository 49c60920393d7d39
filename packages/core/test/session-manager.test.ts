import { describe, expect, it } from 'vitest';
import { createManualClock } from '../src/clock.ts';
import { createSessionManager } from '../src/session-manager.ts';
import type { SessionRecord, SessionStore } from '../src/session-store.ts';

/** A store that records every call so tests can check what validation touched. */
function recordingStore(): SessionStore & { calls: string[] } {
  const records = new Map<string, SessionRecord>();
  const calls: string[] = [];
  return {
    calls,
    async create(record) {
      calls.push('create');
      records.set(record.id, { ...record });
    },
    async get(id) {
      calls.push('get');
      const record = records.get(id);
      return record && { ...record };
    },
    async touch(id, lastSeenAt) {
      calls.push('touch');
      const record = records.get(id);
      if (record) record.lastSeenAt = lastSeenAt;
    },
    async delete(id) {
      calls.push('delete');
      return records.delete(id);
    },
    async deleteByUser() {
      throw new Error('not used');
    },
    async listByUser() {
      throw new Error('not used');
    },
  };
}

describe('createSessionManager', () => {
  it('rejects malformed tokens without reaching the store', async () => {
    const store = recordingStore();
    const manager = createSessionManager({ store, clock: createManualClock() });
    for (const token of [
      '',
      'x.y',
      'a'.repeat(57),
      `${'a'.repeat(24)}.${'b'.repeat(31)}+`,
      'a'.repeat(1_000_000),
    ]) {
      expect(await manager.validate(token)).toBeUndefined();
    }
    await manager.revoke('garbage');
    expect(store.calls).toEqual([]);
  });

  it('a well-formed token with an unknown id costs one read and no write', async () => {
    const store = recordingStore();
    const manager = createSessionManager({ store, clock: createManualClock() });
    expect(await manager.validate(`${'a'.repeat(24)}.${'b'.repeat(32)}`)).toBeUndefined();
    expect(store.calls).toEqual(['get']);
  });

  it('a validation within the touch interval only reads', async () => {
    const store = recordingStore();
    const clock = createManualClock();
    const manager = createSessionManager({
      store,
      clock,
      touchIntervalMs: 1000,
      inactivityMs: 5000,
    });
    const { token } = await manager.create('u1');
    clock.advance(999);
    await manager.validate(token);
    expect(store.calls).toEqual(['create', 'get']);
  });

  it('refuses a touch interval that is not shorter than the inactivity timeout', () => {
    expect(() =>
      createSessionManager({ store: recordingStore(), inactivityMs: 1000, touchIntervalMs: 1000 }),
    ).toThrow(RangeError);
  });
});
