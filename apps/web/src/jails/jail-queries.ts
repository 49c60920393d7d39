import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import { type BanQuery, fetchBans, fetchJail, fetchJails } from '../api/endpoints.ts';

/** How often live fail2ban figures are re-read while a page is open. */
export const refreshIntervalMs = 5_000;

export const jailKeys = {
  all: ['jails'] as const,
  detail: (jail: string) => ['jail', jail] as const,
  bans: (jail: string) => ['bans', jail] as const,
  banPage: (jail: string, query: BanQuery) => ['bans', jail, query] as const,
};

export const useJails = () =>
  useQuery({
    queryKey: jailKeys.all,
    queryFn: ({ signal }) => fetchJails(signal),
    refetchInterval: refreshIntervalMs,
  });

export const useJail = (jail: string) =>
  useQuery({
    queryKey: jailKeys.detail(jail),
    queryFn: ({ signal }) => fetchJail(jail, signal),
    refetchInterval: refreshIntervalMs,
  });

export const useBanPage = (jail: string, query: BanQuery) =>
  useQuery({
    queryKey: jailKeys.banPage(jail, query),
    queryFn: ({ signal }) => fetchBans(jail, query, signal),
    refetchInterval: refreshIntervalMs,
    // Keep the previous page on screen while the next page or search result loads.
    placeholderData: keepPreviousData,
  });

/** After a ban or unban, everything showing that jail's numbers or bans is stale. */
export const invalidateJail = (client: QueryClient, jail: string) =>
  Promise.all([
    client.invalidateQueries({ queryKey: jailKeys.all }),
    client.invalidateQueries({ queryKey: jailKeys.detail(jail) }),
    client.invalidateQueries({ queryKey: jailKeys.bans(jail) }),
  ]);
