import type { Context } from 'hono';
import { matchedRoutes, routePath } from 'hono/route';

/**
 * The route pattern a request was for (`/api/jails/:jail`), for logs and
 * metric labels: bounded, unlike raw paths full of addresses and jail names.
 * Called after `next()`. When a middleware answered instead of the handler
 * (no session, an error thrown by a guard), it is the pattern of the handler
 * the request was heading to: a 401 on /api/jails/sshd counts under
 * /api/jails/:jail, not under the guard's `/api/*`. A 404 from a catch-all
 * (no real route) is `unmatched`, so scanners' probes stay one series.
 */
export function routeLabel(c: Context): string {
  const answered = matchedRoutes(c)[c.req.routeIndex];
  const path =
    answered && answered.method !== 'ALL'
      ? routePath(c)
      : matchedRoutes(c).find((route) => route.method !== 'ALL')?.path;
  if (!path || (c.res.status === 404 && path.endsWith('*'))) return 'unmatched';
  return path;
}
