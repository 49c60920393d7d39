import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { createFail2banClient } from '@bangui/fail2ban';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadAdminAccount } from './auth/admin-account.ts';
import { createAuthFailureLog } from './auth/auth-failure-log.ts';
import { type Env, loadConfig } from './config.ts';
import { createHistoryService } from './history/history-service.ts';
import { createIngestion } from './ingest/create-ingestion.ts';
import { activeBansViewFromProjection } from './ingest/known-bans.ts';
import { createJailControl } from './jails/jail-control.ts';
import { startPurgeExpiredJob } from './jobs/purge-expired-job.ts';
import type { Logger } from './logger.ts';
import { isStructured, type StructuredLogger } from './logging/create-logger.ts';
import { loggerFromConfig } from './logging/logger-from-config.ts';
import { countingEventStore } from './metrics/counting-event-store.ts';
import { createMetrics } from './metrics/create-metrics.ts';
import { selectAdapters } from './select-adapters.ts';
import { checkSocketPath } from './startup/check-paths.ts';

export interface StartServerOptions {
  env: Env;
  /** default: built from BANGUI_LOG_LEVEL/BANGUI_LOG_FORMAT; a StructuredLogger also gets request lines */
  logger?: Logger | StructuredLogger;
  /** Where a generated admin password is shown once; default stdout. */
  print?: (text: string) => void;
  /** Apply database migrations (default true); cluster workers pass false, their primary migrated. */
  migrate?: boolean;
  /** Sent as X-BanGUI-Worker (cluster mode). */
  workerId?: string;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:43123` (the real port when BANGUI_PORT=0). */
  url: string;
  port: number;
  /** Stops listening, then releases everything in reverse order of creation. */
  close(): Promise<void>;
}

// The session manager's default inactivity timeout (createApp passes no other).
const SESSION_INACTIVITY_MS = 30 * 60_000;

/**
 * The startup stages in order: config -> worker rule -> migrations (postgres; under an advisory lock) -> adapters
 * -> data dir and socket path checks -> admin account -> fail2ban client -> read models (event log replay) -> app ->
 * listen -> jobs (ingestion, purge of expired rows). A failure in a stage releases what the earlier stages created,
 * so a failed start leaves nothing running; close() releases everything in reverse order.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const config = loadConfig(options.env);
  const logger: Logger | StructuredLogger = options.logger ?? loggerFromConfig(config);
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (err) {
        logger.error('error during shutdown', err);
      }
    }
  };
  try {
    const adapters = await selectAdapters(config, {
      onWarning: (message) => logger.info(`warning: ${message}`),
      migrate: options.migrate ?? true,
    });
    cleanups.push(() => adapters.close());
    await checkSocketPath(config.fail2banSocket);
    const admin = await loadAdminAccount({
      dataDir: config.dataDir,
      password: config.adminPassword,
      ...(options.print ? { print: options.print } : {}),
    });
    const fail2ban = createFail2banClient({ socketPath: config.fail2banSocket });
    cleanups.push(() => fail2ban.close());
    const metrics =
      config.metricsToken === undefined
        ? undefined
        : createMetrics({
            token: config.metricsToken,
            fail2ban,
            eventStore: adapters.eventStore,
            checkpoint: () => history.checkpoint(),
            clustered: cluster.isWorker,
          });
    // Every part that appends goes through the counting store (bangui_events_appended_total).
    const shared = metrics
      ? {
          ...adapters,
          eventStore: countingEventStore(adapters.eventStore, metrics.metrics.eventsAppended),
        }
      : adapters;
    // The read models catch up from the journal before the first request, so
    // history and stats are whole from the start.
    const history = createHistoryService({
      eventStore: shared.eventStore,
      onError: (err) => logger.error('history: a read model failed to apply an event', err),
    });
    await history.start();
    cleanups.push(async () => history.stop());
    const shutdown = new AbortController();
    const app = createApp({
      adapters: shared,
      fail2ban,
      jailControl: createJailControl({
        fail2ban,
        socketPath: config.fail2banSocket,
        configDir: config.fail2banConfigDir,
      }),
      admin,
      webDir: config.webDir,
      trustProxy: config.trustProxy,
      logger,
      // Request lines need pino's structured fields; a plain injected Logger gets none.
      ...(isStructured(logger) ? { requestLogger: logger.pino } : {}),
      ...(metrics ? { metrics } : {}),
      history,
      pushSecret: config.pushSecret,
      authFailureLog: createAuthFailureLog({ file: config.authLogFile, now: Date.now }),
      shutdown: shutdown.signal,
      ...(adapters.ping ? { pingDatabase: adapters.ping } : {}),
      ...(options.workerId !== undefined ? { workerId: options.workerId } : {}),
    });
    const server = await listen(app.fetch, config.host, config.port);
    cleanups.push(() => {
      // Event streams never end by themselves; server.close() would wait for them.
      shutdown.abort();
      return closeServer(server);
    });
    // Last to start, first to stop: no poll writes to a log that is closing.
    const owner = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    const ingestion = createIngestion({
      fail2ban,
      eventStore: shared.eventStore,
      leases: adapters.leases,
      activeBans: activeBansViewFromProjection(history.projections.activeBans),
      logger,
      pollIntervalSeconds: config.pollSeconds,
      backfillIntervalSeconds: config.backfillSeconds,
      owner,
      runtimeState: adapters.runtimeState,
    });
    ingestion.start();
    cleanups.push(() => ingestion.stop());
    if (adapters.purgeExpired) {
      const purge = startPurgeExpiredJob({
        purgeExpired: adapters.purgeExpired,
        leases: adapters.leases,
        owner,
        logger,
        sessionInactivityMs: SESSION_INACTIVITY_MS,
      });
      cleanups.push(() => purge.stop());
    }
    const { port } = server.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return { url: `http://${host}:${port}`, port, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

function listen(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  hostname: string,
  port: number,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => {
      server.off('error', reject);
      resolve(server);
    });
    server.once('error', reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Idle keep-alive connections would otherwise hold close() open.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}
