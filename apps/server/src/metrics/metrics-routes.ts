import { Hono } from 'hono';
import { bearerMatches } from '../ingest/bearer-secret.ts';

export interface MetricsEndpoint {
  /** the Bearer token a scraper must present */
  token: string;
  /** BanGUI's own metrics: this process's, or the whole cluster's summed by the primary */
  own(): Promise<string>;
  /** fail2ban's metrics, read now */
  fail2ban(): Promise<string>;
}

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * GET /metrics in Prometheus' text format, for a scraper holding the token.
 * Outside /api, so no session or Origin check applies: the token is the credential.
 * Disabled (no token configured) it is a plain 404, indistinguishable from no route.
 */
export function metricsRoutes(endpoint: MetricsEndpoint | undefined): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    if (endpoint === undefined) return c.text('Not found', 404);
    if (!bearerMatches(c.req.header('authorization'), endpoint.token)) {
      c.header('WWW-Authenticate', 'Bearer realm="bangui-metrics"');
      return c.text('Unauthorized', 401);
    }
    // fail2ban first: its error counter is part of BanGUI's registry.
    const fail2ban = await endpoint.fail2ban();
    let own: string;
    try {
      own = await endpoint.own();
    } catch {
      // Cluster mode: the primary could not collect every worker (one is restarting).
      return c.text('Metrics are unavailable for a moment; the next scrape will have them.', 503);
    }
    c.header('Cache-Control', 'no-store');
    return c.body(`${own}\n${fail2ban}`, 200, { 'Content-Type': CONTENT_TYPE });
  });
  return app;
}
