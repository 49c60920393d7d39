import { lazy, Suspense, useEffect, useState } from 'react';
import type { Stats, StatsRange } from '../api/types.ts';
import { QueryError } from '../ui/query-error.tsx';
import { toChartData, totalBans } from './chart-data.ts';
import { useStats } from './dashboard-queries.ts';
import { TopLists } from './top-lists.tsx';

// uPlot is only needed here: a separate chunk keeps it out of the initial JavaScript.
const loadChart = () => import('./bans-chart.tsx');
const BansChart = lazy(loadChart);

const ranges: { value: StatsRange; label: string }[] = [
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
];

/** The bans chart with its range switch, and the top jails and addresses of that range. */
export function BansOverTime() {
  const [range, setRange] = useState<StatsRange>('24h');
  const stats = useStats(range);
  // Fetch the chart's code while the figures load, not after they arrive.
  useEffect(() => {
    void loadChart();
  }, []);
  return (
    <>
      <section className="card chart-card" aria-labelledby="chart-title">
        <div className="card-head">
          <h2 id="chart-title">Bans over time</h2>
          <fieldset className="segmented">
            <legend className="visually-hidden">Time range</legend>
            {ranges.map((option) => (
              <label key={option.value}>
                <input
                  type="radio"
                  name="stats-range"
                  value={option.value}
                  checked={range === option.value}
                  onChange={() => setRange(option.value)}
                />
                <span>{option.label}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <QueryError error={stats.error} showsOldData={stats.data !== undefined} />
        {stats.isPending && <p role="status">Loading figures…</p>}
        {stats.data && <ChartBody stats={stats.data} />}
      </section>
      {stats.data && <TopLists stats={stats.data} />}
    </>
  );
}

function ChartBody({ stats }: { stats: Stats }) {
  const total = totalBans(toChartData(stats));
  return (
    <>
      <p className="hint" data-testid="chart-summary">
        {total === 0
          ? 'No bans in this period'
          : `${total} ${total === 1 ? 'ban' : 'bans'} in this period`}
        , per {stats.bucket}, in your time zone.
      </p>
      <Suspense fallback={<div className="bans-chart" role="status" aria-label="Loading chart" />}>
        <BansChart stats={stats} />
      </Suspense>
    </>
  );
}
