import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Logger } from '../logger.ts';
import type { LogFormat, LogLevel } from './log-options.ts';
import { requestFields } from './request-context.ts';

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** cluster worker id; 0 for the primary or a single process */
  worker: number;
  /** where lines go; default stdout (tests capture them) */
  destination?: DestinationStream;
}

/** The app's Logger, backed by pino; `pino` is there for structured lines (request logs). */
export interface StructuredLogger extends Logger {
  readonly pino: PinoLogger;
}

/**
 * Headers and fields that carry credentials. Request logs only write chosen
 * fields (never headers or bodies); this is the second line of defence for
 * anything that ends up in an error object.
 */
const REDACT_PATHS = [
  'password',
  '*.password',
  'newPassword',
  '*.newPassword',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
];

export function createLogger(options: LoggerOptions): StructuredLogger {
  const destination =
    options.destination ??
    (options.format === 'pretty' ? prettyStream() : pino.destination({ dest: 1, sync: true }));
  const log = pino(
    {
      level: options.level,
      base: { pid: process.pid, worker: options.worker },
      // ISO times: readable in `docker logs` and still sortable.
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers: what log collectors and people filter on.
      formatters: { level: (label) => ({ level: label }) },
      mixin: requestFields,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
  return fromPino(log);
}

export function fromPino(log: PinoLogger): StructuredLogger {
  return {
    pino: log,
    info: (message) => log.info(message),
    error: (message, error) =>
      error === undefined ? log.error(message) : log.error({ err: error }, message),
  };
}

/**
 * pino-pretty in this thread (not a worker-thread transport): lines appear in
 * order with everything else the process prints, and none is lost at exit.
 */
function prettyStream(): DestinationStream {
  return pinoPretty({ colorize: process.stdout.isTTY, sync: true });
}

/** Whether an injected Logger can also write structured lines (request logs). */
export function isStructured(logger: Logger): logger is StructuredLogger {
  return 'pino' in logger && logger.pino !== undefined;
}
