import type { MiddlewareHandler } from 'hono';
import { routeLabel } from '../http/route-label.ts';
import type { BanguiMetrics } from './bangui-metrics.ts';

/** Counts every answered request by route pattern, method and status class. */
export function requestMetrics(metrics: BanguiMetrics): MiddlewareHandler {
  return async function requestMetrics(c, next) {
    await next();
    metrics.requestFinished(routeLabel(c), c.req.method, c.res.status);
  };
}
