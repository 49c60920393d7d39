import { DataDirLockedError, JournalCorruptError } from '@bangui/adapters-memory';
import { PostgresUnavailableError } from '@bangui/adapters-postgres';
import { WorkerRuleError } from '@bangui/core';
import { ConfigError } from '../config-error.ts';

/**
 * The one line an operator needs when BanGUI refuses to start, or undefined
 * for an unanticipated error (which is rethrown with its stack). Startup
 * refusals are operator errors: a message, not a stack trace.
 */
export function describeStartupError(err: unknown): string | undefined {
  if (
    err instanceof ConfigError ||
    err instanceof WorkerRuleError ||
    err instanceof DataDirLockedError ||
    err instanceof JournalCorruptError
  ) {
    return `BanGUI cannot start. ${err.message}`;
  }
  if (err instanceof PostgresUnavailableError) {
    // The driver's message names host and port, never the password.
    return `BanGUI cannot start: ${err.message}. Check that PostgreSQL runs and that BANGUI_DATABASE_URL(_FILE) points at it.`;
  }
  const listenError = err as NodeJS.ErrnoException & {
    address?: string;
    port?: number;
    hostname?: string;
  };
  if (listenError.syscall === 'listen') {
    return `BanGUI cannot start: cannot listen on ${listenError.address}:${listenError.port} (${listenError.code}). Choose another BANGUI_HOST/BANGUI_PORT.`;
  }
  if (listenError.syscall === 'getaddrinfo') {
    return `BanGUI cannot start: BANGUI_HOST=${listenError.hostname} is not an address of this machine (${listenError.code}). Use an IP address such as 127.0.0.1 or 0.0.0.0.`;
  }
  return undefined;
}
