import { describe, expect, it } from 'vitest';
import { calibrateOffset, shiftBans } from '../../src/ingest/poll-time-offset.ts';

const T = Date.UTC(2026, 0, 1, 12) / 1000;
const HOUR = 3_600_000;

describe('poll time calibration', () => {
  it('same zone: 0, whatever the rounding of the database', () => {
    expect(calibrateOffset([{ listedAt: T * 1000, dbSeconds: T + 1 }])).toBe(0);
    expect(calibrateOffset([{ listedAt: T * 1000, dbSeconds: T }])).toBe(0);
  });

  it('finds a whole number of quarter hours both ways (+05:45, -03:00)', () => {
    const plus = 5.75 * HOUR;
    expect(
      calibrateOffset([
        { listedAt: T * 1000 + plus, dbSeconds: T + 1 },
        { listedAt: (T + 60) * 1000 + plus, dbSeconds: T + 60 },
      ]),
    ).toBe(plus);
    expect(calibrateOffset([{ listedAt: T * 1000 - 3 * HOUR, dbSeconds: T }])).toBe(-3 * HOUR);
  });

  it('no answer without samples or when they disagree; strays are ignored', () => {
    expect(calibrateOffset([])).toBeUndefined();
    expect(
      calibrateOffset([
        { listedAt: T * 1000 + HOUR, dbSeconds: T },
        { listedAt: T * 1000 + 2 * HOUR, dbSeconds: T },
      ]),
    ).toBeUndefined();
    // A ghost row 7 minutes off every quarter hour says nothing.
    expect(
      calibrateOffset([
        { listedAt: T * 1000 + HOUR, dbSeconds: T },
        { listedAt: T * 1000, dbSeconds: T - 420 },
      ]),
    ).toBe(HOUR);
  });

  it('shifts start and end, and leaves permanent ends alone', () => {
    const bans = [
      {
        id: 'a',
        startedAt: 10 * HOUR,
        bantimeSeconds: 60,
        endsAt: 10 * HOUR + 60_000,
        permanent: false,
      },
      { id: 'b', startedAt: 10 * HOUR, bantimeSeconds: -1, endsAt: null, permanent: true },
    ];
    expect(shiftBans(bans, HOUR).map((b) => [b.startedAt, b.endsAt])).toEqual([
      [9 * HOUR, 9 * HOUR + 60_000],
      [9 * HOUR, null],
    ]);
  });
});
