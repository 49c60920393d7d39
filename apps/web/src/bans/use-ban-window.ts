import { useQueries } from '@tanstack/react-query';
import { useRef } from 'react';
import { fetchBans } from '../api/endpoints.ts';
import type { Ban } from '../api/types.ts';
import { jailKeys, refreshIntervalMs } from '../jails/jail-queries.ts';

/** Rows per request: a screenful or two, so a scroll fetches one or two pages. */
export const banPageSize = 100;

export interface BanWindow {
  /** the jail's total number of bans matching the search (last known while loading) */
  total: number | undefined;
  /** the ban at a row index, or undefined while its page loads */
  rowAt(index: number): Ban | undefined;
  error: Error | null;
  loading: boolean;
}

/**
 * The pages of a jail's ban list that cover rows `first`..`last` (what the virtualised list
 * shows), fetched with offset/limit. Pages scrolled away from are dropped from the cache
 * soon after (short gcTime): with 10,000+ bans the browser holds only what is near view.
 */
export function useBanWindow(jail: string, q: string, first: number, last: number): BanWindow {
  const firstPage = Math.floor(first / banPageSize);
  const lastPage = Math.max(firstPage, Math.floor(last / banPageSize));
  const pages: number[] = [];
  for (let page = firstPage; page <= lastPage; page++) pages.push(page);
  const results = useQueries({
    queries: pages.map((page) => {
      const query = { q, offset: page * banPageSize, limit: banPageSize };
      return {
        queryKey: jailKeys.banPage(jail, query),
        queryFn: ({ signal }: { signal: AbortSignal }) => fetchBans(jail, query, signal),
        refetchInterval: refreshIntervalMs,
        gcTime: 30_000,
      };
    }),
  });
  const lastTotal = useRef<{ key: string; total: number } | undefined>(undefined);
  const key = `${jail}\n${q}`;
  const fresh = results.find((result) => result.data)?.data?.total;
  if (fresh !== undefined) lastTotal.current = { key, total: fresh };
  const total = lastTotal.current?.key === key ? lastTotal.current.total : undefined;
  return {
    total,
    rowAt: (index) => {
      const result = results[Math.floor(index / banPageSize) - firstPage];
      return result?.data?.items[index % banPageSize];
    },
    error: results.find((result) => result.error)?.error ?? null,
    loading: results.some((result) => result.isPending),
  };
}
