import { useSyncExternalStore } from 'react';

/**
 * Hash routing: "#/" is the jail list, "#/jails/<name>" a jail. Hash URLs need no server
 * support and stay correct under any sub-path the app is served from.
 */
export type Route = { page: 'jails' } | { page: 'jail'; jail: string } | { page: 'not-found' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/' || path === '/jails') return { page: 'jails' };
  const match = /^\/jails\/([^/]+)$/.exec(path);
  if (match?.[1]) {
    try {
      return { page: 'jail', jail: decodeURIComponent(match[1]) };
    } catch {
      return { page: 'not-found' };
    }
  }
  return { page: 'not-found' };
}

export const jailsHref = '#/';

/**
 * Goes to the jail list in place of the current history entry (Back does not return to a
 * page of the signed-out session); `replace` with a fragment still fires "hashchange".
 */
export const replaceWithJails = () => window.location.replace(jailsHref);

export const jailHref = (jail: string) => `#/jails/${encodeURIComponent(jail)}`;

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
