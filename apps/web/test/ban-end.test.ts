import { describe, expect, it } from 'vitest';
import { describeBanEnd } from '../src/format/ban-end.ts';

describe('describeBanEnd', () => {
  it('names permanent bans and ends beyond a date’s range', () => {
    expect(describeBanEnd({ permanent: true, endsAt: null })).toBe('permanent');
    expect(describeBanEnd({ permanent: false, endsAt: null, endsBeyondRange: true })).toBe(
      'far future',
    );
  });

  it('shows other ends in the given zone with the offset', () => {
    expect(
      describeBanEnd({ permanent: false, endsAt: '2026-01-02T03:04:05Z' }, 'Europe/Berlin'),
    ).toBe('2026-01-02 04:04:05 UTC+01:00');
  });

  it('marks an unknown end instead of inventing one', () => {
    expect(describeBanEnd({ permanent: false, endsAt: null })).toBe('—');
  });
});
