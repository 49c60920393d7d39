import { request } from './request.ts';
import type {
  AddressReport,
  AuditItem,
  BanPage,
  BanResult,
  CursorPage,
  HistoryItem,
  JailDetail,
  JailSummary,
  Stats,
  StatsRange,
  UnbanResult,
  User,
} from './types.ts';

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

/** `confirm` answers the server's 409 for the viewer's own address or an ignored one. */
export const banAddresses = (jail: string, ids: string[], confirm = false) =>
  request<BanResult>(`${jailPath(jail)}/bans`, {
    method: 'POST',
    body: confirm ? { ids, confirm: true } : { ids },
  });

export const unbanAddresses = (jail: string, ids: string[]) =>
  request<UnbanResult>(`${jailPath(jail)}/unban`, { method: 'POST', body: { ids } });

/** Query parameters with the empty ones left out: the server refuses nothing, but "" is no filter. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export const fetchStats = (range: StatsRange, signal?: AbortSignal) =>
  request<Stats>(`api/stats${queryString({ range })}`, { signal });

export const fetchAddress = (ip: string, signal?: AbortSignal) =>
  request<AddressReport>(`api/ips/${encodeURIComponent(ip)}`, { signal });

export interface HistoryFilters {
  jail?: string;
  address?: string;
  from?: string;
  to?: string;
  origin?: string;
  actor?: string;
  kind?: string;
}

export const fetchHistory = (
  filters: HistoryFilters,
  cursor: string | undefined,
  limit: number,
  signal?: AbortSignal,
) =>
  request<CursorPage<HistoryItem>>(
    `api/history${queryString({ ...filters, cursor, limit: String(limit) })}`,
    { signal },
  );

/** The CSV download of the history with the same filters (a plain link: the browser saves it). */
export const historyCsvHref = (filters: HistoryFilters) =>
  `api/history.csv${queryString({ ...filters })}`;

export interface AuditFilters {
  actor?: string;
  type?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

export const fetchAudit = (
  filters: AuditFilters,
  cursor: string | undefined,
  limit: number,
  signal?: AbortSignal,
) =>
  request<CursorPage<AuditItem>>(
    `api/audit${queryString({ ...filters, cursor, limit: String(limit) })}`,
    { signal },
  );

/** GET readyz: resolves when fail2ban answers, rejects with a 503 ApiError when it does not. */
export const fetchReady = (signal?: AbortSignal) =>
  request<{ status: string }>('readyz', { signal });
