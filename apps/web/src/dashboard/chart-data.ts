import type { Stats } from '../api/types.ts';

/** Series colours that read on both the light and the dark background. */
const palette = ['#3b82f6', '#e4572e', '#17a398', '#c08a00', '#a05fd0', '#d1477a', '#5f8f2f'];

export interface ChartSeries {
  jail: string;
  color: string;
}

export interface ChartData {
  /** bucket starts, in seconds (uPlot's time unit) */
  times: number[];
  series: ChartSeries[];
  /** bans per bucket, one array per series, aligned with `times` */
  values: number[][];
}

/**
 * The stats answer as uPlot's column arrays. Jails may report different buckets (a jail
 * that only started later): every jail is aligned on the union of bucket times, with 0
 * where it had no point. Colours follow the jail's name order, so they stay put when
 * the range changes.
 */
export function toChartData(stats: Stats): ChartData {
  const times = [
    ...new Set(stats.series.flatMap((s) => s.points.map((p) => Date.parse(p.t) / 1000))),
  ].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const jails = [...stats.series].sort((a, b) => a.jail.localeCompare(b.jail));
  const values = jails.map((s) => {
    const column = new Array<number>(times.length).fill(0);
    for (const point of s.points) {
      const at = index.get(Date.parse(point.t) / 1000);
      if (at !== undefined) column[at] = point.bans;
    }
    return column;
  });
  return {
    times,
    series: jails.map((s, i) => ({ jail: s.jail, color: palette[i % palette.length] ?? '#888' })),
    values,
  };
}

export const totalBans = (data: ChartData) =>
  data.values.reduce((sum, column) => sum + column.reduce((a, b) => a + b, 0), 0);
