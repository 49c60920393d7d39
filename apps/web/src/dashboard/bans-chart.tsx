import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Stats } from '../api/types.ts';
import { type ChartData, toChartData } from './chart-data.ts';
import { useColorScheme } from './use-color-scheme.ts';

const height = 240;

/**
 * Bans per jail over time, drawn by uPlot on a canvas. This module is loaded lazily by the
 * dashboard so that uPlot stays out of the initial JavaScript. The first draw sets the
 * performance mark "bangui:charts-drawn" (read by the benchmark) and data-drawn (tests).
 */
export default function BansChart({ stats }: { stats: Stats }) {
  const box = useRef<HTMLDivElement>(null);
  // Subscribing re-renders on a theme switch; the colours read below then differ and redraw.
  useColorScheme();
  const { text, grid } = axisColors();

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const data = toChartData(stats);
    const plot = new uPlot(
      options(data, stats.bucket, element.clientWidth, { text, grid }),
      [data.times, ...data.values],
      element,
    );
    const observer = new ResizeObserver(() => {
      plot.setSize({ width: element.clientWidth, height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [stats, text, grid]);

  return <div ref={box} className="bans-chart" data-testid="bans-chart" />;
}

/** Axis and grid colours from the stylesheet's variables, for the theme in effect. */
function axisColors() {
  const style = getComputedStyle(document.documentElement);
  return {
    text: style.getPropertyValue('--muted').trim() || '#666',
    grid: style.getPropertyValue('--border').trim() || '#ccc',
  };
}

function options(
  data: ChartData,
  bucket: Stats['bucket'],
  width: number,
  colors: { text: string; grid: string },
): uPlot.Options {
  const axis = {
    stroke: colors.text,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1 },
  };
  return {
    width,
    height,
    // Times on the axis and in the legend are the viewer's local time (uPlot's default).
    series: [
      { label: bucket === 'day' ? 'Day' : 'Hour' },
      ...data.series.map((s) => ({
        label: s.jail,
        stroke: s.color,
        width: 2,
        points: { show: false },
      })),
    ],
    // Counts are whole numbers: no 0.2-ban ticks on the y axis.
    axes: [
      axis,
      {
        ...axis,
        size: 44,
        incrs: [
          1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000,
        ],
      },
    ],
    scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
    cursor: { drag: { x: false, y: false } },
    hooks: {
      draw: [
        (u) => {
          const root = u.root.parentElement;
          if (!root || root.dataset.drawn === 'true') return;
          root.dataset.drawn = 'true';
          if (performance.getEntriesByName('bangui:charts-drawn').length === 0) {
            performance.mark('bangui:charts-drawn');
          }
        },
      ],
    },
  };
}
