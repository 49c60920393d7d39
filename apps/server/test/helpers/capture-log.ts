import type { DestinationStream } from 'pino';
import { createLogger, type StructuredLogger } from '../../src/logging/create-logger.ts';

export interface CapturedLog {
  logger: StructuredLogger;
  /** everything written, raw, as a collector would receive it */
  text(): string;
  /** the lines, parsed */
  lines(): Array<Record<string, unknown>>;
}

/** A real JSON logger (the one production uses) writing into memory. */
export function captureLog(level: 'info' | 'debug' = 'debug'): CapturedLog {
  const chunks: string[] = [];
  const destination: DestinationStream = {
    write: (chunk: string) => {
      chunks.push(chunk);
    },
  };
  const logger = createLogger({ level, format: 'json', worker: 0, destination });
  return {
    logger,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
