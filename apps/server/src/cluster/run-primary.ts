import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { loadAdminAccount } from '../auth/admin-account.ts';
import type { ServerConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { DRAIN_MESSAGE } from './messages.ts';
import { createRestartPolicy, type RestartPolicyOptions } from './restart-policy.ts';

export interface PrimaryOptions {
  config: ServerConfig;
  logger: Logger;
  /** how long a drain may take before the remaining workers are killed (default 10 s) */
  graceMs?: number;
  restart?: RestartPolicyOptions;
  /** runs once, before any worker is forked (migrations) */
  prepare: () => Promise<void>;
}

/**
 * The cluster primary: prepares what must happen once (migrations, the admin
 * account, so a generated password is made and shown once, not per worker),
 * forks the workers and then only supervises. Workers share the listening
 * port (node:cluster hands connections out round-robin). A crashed worker is
 * restarted with backoff; repeated crashes within a short window end the
 * whole service with exit code 1. SIGTERM/SIGINT drain: every worker stops
 * accepting, finishes its in-flight requests and exits; after the grace period
 * the stragglers are killed; the primary exits 0.
 * Resolves when the service has stopped, with the exit code to use.
 */
export async function runPrimary(options: PrimaryOptions): Promise<number> {
  const { config, logger } = options;
  const graceMs = options.graceMs ?? 10_000;
  const policy = createRestartPolicy(options.restart);
  await options.prepare();
  await loadAdminAccount({ dataDir: config.dataDir, password: config.adminPassword });

  return new Promise<number>((resolve) => {
    let announced = false;
    let draining = false;
    let exitCode = 0;
    const listening = new Set<number>();

    // Every fork listens with the configured port, even 0: the primary keeps
    // one handle per (host, port) as given, so a replacement gets the same
    // (possibly random) port. Asking for the resolved port would be another
    // handle, and its bind would collide with the primary's own.
    const fork = () => cluster.fork();
    const live = () =>
      Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());

    const drain = (code: number) => {
      if (draining) return;
      draining = true;
      exitCode = code;
      const workers = live();
      logger.info(`BanGUI stopping: draining ${workers.length} workers (grace ${graceMs} ms)`);
      if (workers.length === 0) return resolve(exitCode);
      for (const worker of workers) {
        if (worker.isConnected()) worker.send({ type: DRAIN_MESSAGE });
      }
      setTimeout(() => {
        for (const worker of live()) {
          logger.error(`worker ${worker.id} did not finish within ${graceMs} ms; killing it`);
          worker.process.kill('SIGKILL');
        }
      }, graceMs).unref();
    };

    cluster.on('listening', (worker, address: AddressInfo | { port: number }) => {
      listening.add(worker.id);
      if (!announced && listening.size >= config.workers) {
        announced = true;
        const host = config.host.includes(':') ? `[${config.host}]` : config.host;
        logger.info(
          `BanGUI listening on http://${host}:${address.port} (${config.workers} workers)`,
        );
      }
    });

    cluster.on('exit', (worker, code, signal) => {
      listening.delete(worker.id);
      if (draining) {
        if (live().length === 0) resolve(exitCode);
        return;
      }
      const how = signal ? `signal ${signal}` : `code ${code}`;
      const decision = policy.onCrash(Date.now());
      if (decision.giveUp) {
        logger.error(
          `BanGUI is giving up: workers crashed ${decision.crashes} times within ${policy.windowMs / 1000} s (last: worker ${worker.id}, ${how}). See the errors above.`,
        );
        drain(1);
        return;
      }
      logger.error(
        `worker ${worker.id} (pid ${worker.process.pid}) exited with ${how}; restarting in ${decision.delayMs} ms`,
      );
      setTimeout(() => {
        if (!draining) fork();
      }, decision.delayMs);
    });

    process.on('SIGTERM', () => drain(0));
    process.on('SIGINT', () => drain(0));
    for (let i = 0; i < config.workers; i++) fork();
  });
}
