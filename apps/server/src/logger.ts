import cluster from 'node:cluster';
import { createLogger } from './logging/create-logger.ts';
import { defaultLogFormat } from './logging/log-options.ts';

/** Where the server writes operational messages; tests inject a silent or capturing one. */
export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/**
 * For code run without a configured logger (tools, tests that do not care):
 * JSON lines at info on stdout, pretty on a terminal. The server itself builds
 * its logger from BANGUI_LOG_LEVEL/BANGUI_LOG_FORMAT (start-server.ts).
 */
export const defaultLogger: Logger = createLogger({
  level: 'info',
  format: defaultLogFormat(process.stdout.isTTY === true),
  worker: cluster.worker?.id ?? 0,
});
