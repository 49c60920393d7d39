import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../src/format/date-time.ts';

describe('formatDateTime', () => {
  it('shows the instant in the given zone with its UTC offset', () => {
    expect(formatDateTime('2026-12-03T17:04:05Z', 'Europe/Berlin')).toBe(
      '2026-12-03 18:04:05 UTC+01:00',
    );
    expect(formatDateTime('2026-07-01T00:30:00Z', 'America/New_York')).toBe(
      '2026-06-30 20:30:00 UTC-04:00',
    );
  });

  it('spells a zero offset explicitly', () => {
    expect(formatDateTime('2026-12-03T00:00:00Z', 'UTC')).toBe('2026-12-03 00:00:00 UTC+00:00');
  });

  it('handles half-hour zones and midnight as 00, not 24', () => {
    expect(formatDateTime('2026-01-01T18:30:00Z', 'Asia/Kolkata')).toBe(
      '2026-01-02 00:00:00 UTC+05:30',
    );
  });

  it('returns unparseable input unchanged rather than "Invalid Date"', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
