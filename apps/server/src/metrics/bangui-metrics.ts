import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

export interface BanguiMetrics {
  /** this process's metrics; in cluster mode the primary sums them over the workers */
  readonly registry: Registry;
  /** f2b_errors{type}: fail2ban errors met while scraping, counted like the exporter does */
  readonly fail2banErrors: Counter<'type'>;
  requestFinished(route: string, method: string, status: number): void;
  sessionValidated(valid: boolean): void;
  eventsAppended(count: number): void;
  /** how the projection lag is measured at scrape time */
  measureProjectionLag(measure: () => Promise<number | undefined>): void;
}

/**
 * BanGUI's own metrics, on a registry of their own (never prom-client's
 * global one: tests and cluster aggregation need to know exactly what is in
 * it). Labels are bounded: route patterns, not paths; status classes, not codes.
 */
export function createBanguiMetrics(): BanguiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'bangui_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status class (2xx, 4xx, ...)',
    labelNames: ['route', 'method', 'status_class'] as const,
    registers: [registry],
  });
  const validations = new Counter({
    name: 'bangui_session_validations_total',
    help: 'Session cookies checked, by result (valid, invalid)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  validations.inc({ result: 'valid' }, 0);
  validations.inc({ result: 'invalid' }, 0);
  const appended = new Counter({
    name: 'bangui_events_appended_total',
    help: 'Events appended to the event log by this process',
    registers: [registry],
  });
  const fail2banErrors = new Counter({
    name: 'f2b_errors',
    help: 'Number of errors found since startup',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  // Both series from the start, as the exporter shows them: a rate() needs the zero.
  fail2banErrors.inc({ type: 'socket_conn' }, 0);
  fail2banErrors.inc({ type: 'socket_req' }, 0);
  let measureLag: () => Promise<number | undefined> = async () => undefined;
  new Gauge({
    name: 'bangui_projection_lag_events',
    help: "Positions between the event log's head and what the read models have applied",
    registers: [registry],
    // Across workers the worst one matters: a sum would grow with the worker count.
    aggregator: 'max',
    async collect() {
      const lag = await measureLag();
      if (lag !== undefined) this.set(lag);
    },
  });
  return {
    registry,
    fail2banErrors,
    requestFinished: (route, method, status) =>
      requests.inc({ route, method, status_class: `${Math.floor(status / 100)}xx` }),
    sessionValidated: (valid) => validations.inc({ result: valid ? 'valid' : 'invalid' }),
    eventsAppended: (count) => appended.inc(count),
    measureProjectionLag: (measure) => {
      measureLag = measure;
    },
  };
}
