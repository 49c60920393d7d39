import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchHistory, fetchReady, fetchStats } from '../api/endpoints.ts';
import type { StatsRange } from '../api/types.ts';
import { refreshIntervalMs } from '../jails/jail-queries.ts';

export const dashboardKeys = {
  ready: ['ready'] as const,
  stats: ['stats'] as const,
  statsFor: (range: StatsRange) => ['stats', range] as const,
  recent: ['history', 'recent'] as const,
};

/** How many history rows the activity feed starts with before live events are added. */
export const recentCount = 15;

/** fail2ban's reachability (GET readyz): a 503 is the "fail2ban offline" state. */
export const useFail2banReady = () =>
  useQuery({
    queryKey: dashboardKeys.ready,
    queryFn: ({ signal }) => fetchReady(signal),
    refetchInterval: refreshIntervalMs,
  });

export const useStats = (range: StatsRange) =>
  useQuery({
    queryKey: dashboardKeys.statsFor(range),
    queryFn: ({ signal }) => fetchStats(range, signal),
    // Live ban events invalidate the figures; this only moves the window forward.
    refetchInterval: 60_000,
    // Switching range keeps the old chart on screen until the new figures arrive.
    placeholderData: keepPreviousData,
  });

export const useRecentActivity = () =>
  useQuery({
    queryKey: dashboardKeys.recent,
    queryFn: ({ signal }) => fetchHistory({}, undefined, recentCount, signal),
    // Live events are added on top of this first page: it never needs to be re-read.
    staleTime: Number.POSITIVE_INFINITY,
  });
