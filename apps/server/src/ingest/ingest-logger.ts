import type { Logger } from '../logger.ts';

/** The server's logger, optionally with a warning level; without one, warnings go to error(). */
export interface IngestLogger extends Logger {
  warn?(message: string): void;
}

export function warn(logger: IngestLogger, message: string): void {
  if (logger.warn) logger.warn(message);
  else logger.error(`warning: ${message}`);
}
