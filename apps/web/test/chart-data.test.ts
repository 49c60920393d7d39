import { describe, expect, it } from 'vitest';
import type { Stats } from '../src/api/types.ts';
import { toChartData, totalBans } from '../src/dashboard/chart-data.ts';

const point = (t: string, bans: number) => ({ t, bans, unbans: 0 });

describe('toChartData', () => {
  it('aligns jails on the union of bucket times, in name order', () => {
    const stats: Stats = {
      series: [
        { jail: 'sshd', points: [point('2026-01-01T01:00:00Z', 3)] },
        {
          jail: 'nginx',
          points: [point('2026-01-01T00:00:00Z', 1), point('2026-01-01T01:00:00Z', 2)],
        },
      ],
      topAddresses: [],
      topJails: [],
      from: '2026-01-01T00:00:00Z',
      to: '2026-01-01T02:00:00Z',
      bucket: 'hour',
    };
    const data = toChartData(stats);
    expect(data.times).toEqual([Date.UTC(2026, 0, 1) / 1000, Date.UTC(2026, 0, 1, 1) / 1000]);
    expect(data.series.map((s) => s.jail)).toEqual(['nginx', 'sshd']);
    expect(data.values).toEqual([
      [1, 2],
      [0, 3],
    ]);
    expect(totalBans(data)).toBe(6);
  });
});
