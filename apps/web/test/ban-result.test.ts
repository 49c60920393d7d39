import { describe, expect, it } from 'vitest';
import { describeBanResult, describeUnbanResult } from '../src/format/ban-result.ts';

describe('ban result messages', () => {
  it('reports newly banned and already banned addresses', () => {
    expect(describeBanResult({ requested: 3, banned: 2, changed: true })).toBe(
      'Banned 2, 1 already banned',
    );
    expect(describeBanResult({ requested: 2, banned: 2, changed: true })).toBe('Banned 2');
    expect(describeBanResult({ requested: 1, banned: 0, changed: false })).toBe(
      'Banned 0, 1 already banned',
    );
  });

  it('reports addresses that were not banned on unban', () => {
    expect(describeUnbanResult({ requested: 1, unbanned: 1, changed: true })).toBe('Unbanned 1');
    expect(describeUnbanResult({ requested: 3, unbanned: 1, changed: true })).toBe(
      'Unbanned 1, 2 were not banned',
    );
  });
});
