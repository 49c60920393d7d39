import type { Hono } from 'hono';
import type { Logger as PinoLogger } from 'pino';
import { requestLog } from '../logging/request-log.ts';
import type { MetricsSetup } from '../metrics/create-metrics.ts';
import { metricsRoutes } from '../metrics/metrics-routes.ts';
import { requestMetrics } from '../metrics/request-metrics.ts';
import type { AppEnv } from './app-env.ts';
import { closeConnectionsWhenDraining } from './drain.ts';

export interface ObservabilityDeps {
  /** one log line per request; undefined = none (unit tests) */
  requestLogger?: PinoLogger;
  /** GET /metrics and the request counters; undefined = metrics disabled (GET /metrics is a 404) */
  metrics?: MetricsSetup;
  shutdown?: AbortSignal;
}

/**
 * The first middleware of the app: request ids and logs, request metrics,
 * `Connection: close` while draining, and GET /metrics (outside /api: no
 * session or Origin check; its own Bearer token).
 */
export function mountObservability(app: Hono<AppEnv>, deps: ObservabilityDeps): void {
  if (deps.requestLogger) app.use(requestLog(deps.requestLogger));
  if (deps.metrics) app.use(requestMetrics(deps.metrics.metrics));
  if (deps.shutdown) app.use(closeConnectionsWhenDraining(deps.shutdown));
  app.route('/metrics', metricsRoutes(deps.metrics?.endpoint));
}
