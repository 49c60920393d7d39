import cluster from 'node:cluster';
import { openAdapters } from './adapters.ts';
import { readConfig } from './config.ts';
import { startExample } from './start.ts';

/**
 * EXAMPLE_WORKERS=1: one process serves. EXAMPLE_WORKERS=N: the primary checks
 * the configuration (the worker rule refuses memory adapters here, before any
 * fork), migrates once, then forks N workers sharing the port.
 */
async function main(): Promise<void> {
  const config = readConfig();
  if (config.workers > 1 && cluster.isPrimary) {
    // Opens the chosen set once (worker rule + migrations), then lets it go.
    await (await openAdapters(config)).close();
    for (let i = 0; i < config.workers; i++) cluster.fork();
    console.log(`example: ${config.workers} workers, ${config.adapter} adapters`);
    return;
  }
  const running = await startExample(config, { hostname: '0.0.0.0' });
  console.log(`example: listening on ${running.url} (${config.adapter}, pid ${process.pid})`);
  const shutdown = (): void => {
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`example: refusing to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
