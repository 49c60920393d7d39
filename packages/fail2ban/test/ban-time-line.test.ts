import { describe, expect, it } from 'vitest';
import { parseBanTimeLine } from '../src/commands/ban-time-line.ts';

describe('parseBanTimeLine', () => {
  it('reads start and duration in local time and derives the end', () => {
    expect(
      parseBanTimeLine('2001:db8::10 \t2026-12-03 16:16:56 + 600 = 2026-12-03 16:26:56'),
    ).toEqual({
      id: '2001:db8::10',
      startedAt: new Date(2026, 11, 3, 16, 16, 56).getTime(),
      bantimeSeconds: 600,
      endsAt: new Date(2026, 11, 3, 16, 26, 56).getTime(),
      permanent: false,
    });
  });

  it('reads a permanent ban (bantime -1) with no end', () => {
    expect(
      parseBanTimeLine('198.51.100.7 \t2026-12-03 16:17:00 + -1 = 9999-12-31 23:59:59'),
    ).toMatchObject({
      id: '198.51.100.7',
      bantimeSeconds: -1,
      endsAt: null,
      permanent: true,
    });
  });

  it('keeps a raw id exactly as fail2ban printed it', () => {
    expect(parseBanTimeLine('not an ip \t2026-12-03 16:17:00 + 60 = 2026-12-03 16:18:00')?.id).toBe(
      'not an ip',
    );
  });

  it.each([
    '',
    '192.0.2.1',
    '192.0.2.1 \t2026-12-03 + 600 = 2026-12-03 16:26:56',
    '192.0.2.1 \t2026-12-03 16:16:56 + ten = 2026-12-03 16:26:56',
    '192.0.2.1 \t2026-12-03 16:16:56 + -5 = 2026-12-03 16:26:56',
  ])('returns undefined for %j', (line) => {
    expect(parseBanTimeLine(line)).toBeUndefined();
  });
});
