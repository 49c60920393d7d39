import { useSyncExternalStore } from 'react';

/**
 * Hash routing: "#/" is the dashboard, "#/jails/<name>" a jail, "#/ips/<ip>" an address,
 * and so on. Hash URLs need no server support and stay correct under any sub-path the app
 * is served from. A signed-out visitor keeps the hash, so signing in lands where they were.
 */
export type Route =
  | { page: 'dashboard' }
  | { page: 'jails' }
  | { page: 'jail'; jail: string }
  | { page: 'bans'; jail: string | null }
  | { page: 'address'; ip: string }
  | { page: 'history' }
  | { page: 'audit' }
  | { page: 'settings' }
  | { page: 'users' }
  | { page: 'not-found' };

const fixed: Record<string, Route> = {
  '': { page: 'dashboard' },
  '/': { page: 'dashboard' },
  '/jails': { page: 'jails' },
  '/bans': { page: 'bans', jail: null },
  '/history': { page: 'history' },
  '/audit': { page: 'audit' },
  '/settings': { page: 'settings' },
  '/users': { page: 'users' },
};

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const known = fixed[path];
  if (known) return known;
  const match = /^\/(jails|bans|ips)\/([^/]+)$/.exec(path);
  if (!match?.[2]) return { page: 'not-found' };
  let name: string;
  try {
    name = decodeURIComponent(match[2]);
  } catch {
    return { page: 'not-found' };
  }
  if (match[1] === 'jails') return { page: 'jail', jail: name };
  if (match[1] === 'bans') return { page: 'bans', jail: name };
  return { page: 'address', ip: name };
}

export const dashboardHref = '#/';
export const jailsHref = '#/jails';
export const historyHref = '#/history';
export const auditHref = '#/audit';
export const settingsHref = '#/settings';
export const usersHref = '#/users';

export const jailHref = (jail: string) => `#/jails/${encodeURIComponent(jail)}`;
export const bansHref = (jail?: string) =>
  jail === undefined ? '#/bans' : `#/bans/${encodeURIComponent(jail)}`;
export const addressHref = (ip: string) => `#/ips/${encodeURIComponent(ip)}`;

/**
 * Goes to the dashboard in place of the current history entry (Back does not return to a
 * page of the signed-out session); `replace` with a fragment still fires "hashchange".
 */
export const replaceWithDashboard = () => window.location.replace(dashboardHref);

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
