import cluster from 'node:cluster';
import { migrateDatabase } from '@bangui/adapters-postgres';
import { isDrainMessage } from './cluster/messages.ts';
import { runPrimary } from './cluster/run-primary.ts';
import { loadConfig } from './config.ts';
import { consoleLogger } from './logger.ts';
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
    if (config.workers > 1) {
      // Before anything is opened: memory + N workers is refused here.
      checkAdapterChoice(config);
      const code = await runPrimary({
        config,
        logger: consoleLogger,
        // Once, before forking: a failing migration is reported once and
        // nothing starts, instead of N workers crash-looping on it. Workers
        // skip it (migrate() would be safe there too, under its advisory lock).
        prepare: async () => {
          if (config.databaseUrl !== undefined) await migrateDatabase(config.databaseUrl);
        },
      });
      process.exit(code);
    }
    const server = await startServer({ env: process.env });
    console.log(`BanGUI listening on ${server.url}`);
    stopOnSignals(server);
  }
} catch (err) {
  const message = describeStartupError(err);
  if (message === undefined) throw err;
  console.error(message);
  process.exit(1);
}

/** A cluster worker: the server, stopped by the primary's drain message or a signal. */
async function runWorker(): Promise<void> {
  const id = cluster.worker?.id ?? 0;
  const server = await startServer({
    env: process.env,
    migrate: false,
    workerId: `${id}:${process.pid}`,
  });
  const stop = stopOnSignals(server);
  process.on('message', (message) => {
    if (isDrainMessage(message)) void stop();
  });
}

/** Graceful shutdown on SIGTERM/SIGINT: stop listening, finish in-flight requests, release in reverse order. */
function stopOnSignals(server: RunningServer): () => Promise<void> {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await server.close();
      process.exit(0);
    } catch (err) {
      console.error('BanGUI did not shut down cleanly:', err);
      process.exit(1);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return stop;
}
