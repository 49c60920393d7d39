import { describe, expect, it } from 'vitest';
import { formatDuration } from '../src/format/duration.ts';

describe('formatDuration', () => {
  it('calls fail2ban -1 permanent', () => {
    expect(formatDuration(-1)).toBe('permanent');
  });

  it('uses singular and plural unit names', () => {
    expect(formatDuration(1)).toBe('1 second');
    expect(formatDuration(600)).toBe('10 minutes');
    expect(formatDuration(3600)).toBe('1 hour');
    expect(formatDuration(604_800 * 2)).toBe('2 weeks');
  });

  it('keeps every non-zero unit so the value stays exact', () => {
    expect(formatDuration(86_400 + 3_600 + 60 + 1)).toBe('1 day 1 hour 1 minute 1 second');
    expect(formatDuration(90_000)).toBe('1 day 1 hour');
  });

  it('handles zero', () => {
    expect(formatDuration(0)).toBe('0 seconds');
  });
});
