import { describe, expect, it } from 'vitest';
import { toHistoryItem } from '../src/live/stream-event.ts';

const base = { stream: 's', recordedAt: '2026-01-01T00:00:00.000Z', position: '42' };

describe('toHistoryItem', () => {
  it('turns a BanObserved event into a ban row with ISO times', () => {
    const item = toHistoryItem({
      ...base,
      type: 'BanObserved',
      data: {
        jail: 'sshd',
        id: '203.0.113.9',
        bannedAt: Date.UTC(2026, 0, 1),
        bantimeSeconds: -1,
        endsAt: null,
        source: 'push',
      },
    });
    expect(item).toMatchObject({
      kind: 'ban',
      jail: 'sshd',
      id: '203.0.113.9',
      at: '2026-01-01T00:00:00.000Z',
      permanent: true,
      origin: 'push',
      position: '42',
    });
  });

  it('turns a BanEnded event into an unban row with its reason', () => {
    const item = toHistoryItem({
      ...base,
      type: 'BanEnded',
      data: {
        jail: 'sshd',
        id: '::1',
        bannedAt: 0,
        endedAt: 1000,
        reason: 'expired',
        source: 'poll',
      },
    });
    expect(item).toMatchObject({
      kind: 'unban',
      at: '1970-01-01T00:00:01.000Z',
      reason: 'expired',
    });
  });

  it('ignores events that are not ban history', () => {
    expect(toHistoryItem({ ...base, type: 'LoginSucceeded', data: {} })).toBeUndefined();
  });
});
