import cluster from 'node:cluster';
import { migrateDatabase } from '@bangui/adapters-postgres';
import { isDrainMessage } from './cluster/messages.ts';
import { runPrimary } from './cluster/run-primary.ts';
import { loadConfig } from './config.ts';
import type { Logger } from './logger.ts';
import { loggerFromConfig } from './logging/logger-from-config.ts';
import { serveClusterMetrics } from './metrics/cluster-metrics.ts';
import { checkAdapterChoice } from './select-adapters.ts';
import { type RunningServer, startServer } from './start-server.ts';
import { describeStartupError } from './startup/report-startup-error.ts';

// Composition root: this file owns the process. One worker: the server runs
// here. BANGUI_WORKERS=N>1: this process becomes the cluster primary (it
// validates the configuration and the worker rule, migrates once, forks and
// supervises) and each forked worker runs the server.
try {
  if (cluster.isWorker) {
    await runWorker();
  } else {
    const config = loadConfig(process.env);
    const logger = loggerFromConfig(config);
    if (config.workers > 1) {
      // Before anything is opened: memory + N workers is refused here.
      checkAdapterChoice(config);
      // Workers ask the primary for the sum of every worker's metrics (see cluster-metrics.ts).
      if (config.metricsToken !== undefined) serveClusterMetrics();
      const code = await runPrimary({
        config,
        logger,
        // Once, before forking: a failing migration is reported once and
        // nothing starts, instead of N workers crash-looping on it. Workers
        // skip it (migrate() would be safe there too, under its advisory lock).
        prepare: async () => {
          if (config.databaseUrl !== undefined) await migrateDatabase(config.databaseUrl);
        },
      });
      process.exit(code);
    }
    const server = await startServer({ env: process.env, logger });
    logger.info(`BanGUI listening on ${server.url}`);
    stopOnSignals(server, logger);
  }
} catch (err) {
  const message = describeStartupError(err);
  if (message === undefined) throw err;
  console.error(message);
  process.exit(1);
}

const SHUTDOWN_GRACE_MS = 10_000;

/** A cluster worker: the server, stopped by the primary's drain message or a signal. */
async function runWorker(): Promise<void> {
  const id = cluster.worker?.id ?? 0;
  const logger = loggerFromConfig(loadConfig(process.env));
  const server = await startServer({
    env: process.env,
    logger,
    migrate: false,
    workerId: `${id}:${process.pid}`,
  });
  const stop = stopOnSignals(server, logger);
  process.on('message', (message) => {
    if (isDrainMessage(message)) void stop();
  });
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: stop listening, finish in-flight
 * requests, release in reverse order, exit 0. A request that outlives the
 * grace period (the primary's in cluster mode; systemd's TimeoutStopSec is
 * longer) ends the process with 1, so a hung shutdown is visible.
 */
function stopOnSignals(server: RunningServer, logger: Logger): () => Promise<void> {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info('BanGUI stopping: finishing requests in flight');
    setTimeout(() => {
      logger.error(`BanGUI did not stop within ${SHUTDOWN_GRACE_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    try {
      await server.close();
      logger.info('BanGUI stopped');
      process.exit(0);
    } catch (err) {
      logger.error('BanGUI did not shut down cleanly', err);
      process.exit(1);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return stop;
}
