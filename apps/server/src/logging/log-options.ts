import * as v from 'valibot';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'json' | 'pretty';

export const logLevelSchema = v.picklist(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`);

export const logFormatSchema = v.picklist(
  ['json', 'pretty'],
  "must be 'json' (one JSON object per line, for log collectors) or 'pretty' (for a terminal)",
);

/**
 * JSON unless a person is watching: a terminal gets readable lines, anything
 * else (journald, docker logs, a file) gets JSON a collector can parse.
 */
export function defaultLogFormat(stdoutIsTty: boolean): LogFormat {
  return stdoutIsTty ? 'pretty' : 'json';
}
