import { request } from './request.ts';
import type { BanPage, BanResult, JailDetail, JailSummary, UnbanResult, User } from './types.ts';

// Jail names may contain dots and dashes (web.login, nginx-auth); always encode path segments.
const jailPath = (jail: string) => `api/jails/${encodeURIComponent(jail)}`;

export const login = (username: string, password: string) =>
  request<{ user: User }>('api/auth/login', { method: 'POST', body: { username, password } });

export const logout = () => request<void>('api/auth/logout', { method: 'POST', body: {} });

export const fetchMe = (signal?: AbortSignal) => request<{ user: User }>('api/auth/me', { signal });

export const fetchJails = (signal?: AbortSignal) =>
  request<{ jails: JailSummary[] }>('api/jails', { signal });

export const fetchJail = (jail: string, signal?: AbortSignal) =>
  request<JailDetail>(jailPath(jail), { signal });

export interface BanQuery {
  q: string;
  offset: number;
  limit: number;
}

export const fetchBans = (jail: string, query: BanQuery, signal?: AbortSignal) => {
  const params = new URLSearchParams({
    q: query.q,
    offset: String(query.offset),
    limit: String(query.limit),
  });
  return request<BanPage>(`${jailPath(jail)}/bans?${params}`, { signal });
};

export const banAddresses = (jail: string, ids: string[]) =>
  request<BanResult>(`${jailPath(jail)}/bans`, { method: 'POST', body: { ids } });

export const unbanAddresses = (jail: string, ids: string[]) =>
  request<UnbanResult>(`${jailPath(jail)}/unban`, { method: 'POST', body: { ids } });
