import cluster from 'node:cluster';
import type { ServerConfig } from '../config.ts';
import { createLogger, type StructuredLogger } from './create-logger.ts';
import { defaultLogFormat } from './log-options.ts';

/** The process's logger as configured (BANGUI_LOG_LEVEL, BANGUI_LOG_FORMAT), tagged with its worker id. */
export function loggerFromConfig(
  config: Pick<ServerConfig, 'logLevel' | 'logFormat'>,
): StructuredLogger {
  return createLogger({
    level: config.logLevel,
    format: config.logFormat ?? defaultLogFormat(process.stdout.isTTY === true),
    worker: cluster.worker?.id ?? 0,
  });
}
