import type { Hono } from 'hono';
import type { Logger as PinoLogger } from 'pino';
import { requestLog } from '../logging/request-log.ts';
import type { MetricsSetup } from '../metrics/create-metrics.ts';
import { requestMetrics } from '../metrics/request-metrics.ts';
import type { AppEnv } from './app-env.ts';
import { closeConnectionsWhenDraining } from './drain.ts';

export interface ObservabilityDeps {
  /** one log line per request; undefined = none (unit tests) */
  requestLogger?: PinoLogger;
  /** the request counters; undefined = metrics disabled */
  metrics?: MetricsSetup;
  shutdown?: AbortSignal;
}

/**
 * The first middleware of the app, so they see every request: request ids
 * and logs, request metrics, `Connection: close` while draining.
 */
export function mountObservability(app: Hono<AppEnv>, deps: ObservabilityDeps): void {
  if (deps.requestLogger) app.use(requestLog(deps.requestLogger));
  if (deps.metrics) app.use(requestMetrics(deps.metrics.metrics));
  if (deps.shutdown) app.use(closeConnectionsWhenDraining(deps.shutdown));
}
