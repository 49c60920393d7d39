import { readFileSync } from 'node:fs';
import type { EventStore } from '@bangui/core';
import { type BanguiMetrics, createBanguiMetrics } from './bangui-metrics.ts';
import { clusterMetricsSource } from './cluster-metrics.ts';
import { createFail2banMetrics, type Fail2banMetricsSource } from './fail2ban-metrics.ts';
import type { MetricsEndpoint } from './metrics-routes.ts';
import { projectionLag } from './projection-lag.ts';

export interface MetricsSetup {
  metrics: BanguiMetrics;
  endpoint: MetricsEndpoint;
}

// Reported as f2b_version{exporter}: the exporter here is BanGUI.
const BANGUI_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** Everything /metrics needs, wired; only called when a metrics token is configured. */
export function createMetrics(options: {
  token: string;
  fail2ban: Fail2banMetricsSource;
  eventStore: Pick<EventStore, 'headPosition'>;
  /** the read models' checkpoint, for the projection lag */
  checkpoint: () => string | null;
  /** a cluster worker: BanGUI's own metrics are summed over all workers by the primary */
  clustered: boolean;
}): MetricsSetup {
  const metrics = createBanguiMetrics();
  metrics.measureProjectionLag(projectionLag(options.eventStore, options.checkpoint));
  const own = options.clustered
    ? clusterMetricsSource(metrics.registry)
    : () => metrics.registry.metrics();
  const fail2ban = createFail2banMetrics({
    fail2ban: options.fail2ban,
    errors: metrics.fail2banErrors,
    exporterVersion: BANGUI_VERSION,
  });
  return { metrics, endpoint: { token: options.token, own, fail2ban } };
}
