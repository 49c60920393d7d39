import { DataDirLockedError, JournalCorruptError } from '@bangui/adapters-memory';
import { WorkerRuleError } from '@bangui/core';
import { ConfigError } from './config-error.ts';
import { startServer } from './start-server.ts';

// Composition root: everything is wired in startServer; this file owns the process.
try {
  const server = await startServer({ env: process.env });
  console.log(`BanGUI listening on ${server.url}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await server.close();
      process.exit(0);
    } catch (err) {
      console.error('BanGUI did not shut down cleanly:', err);
      process.exit(1);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  // Startup refusals are operator errors: print the message, not a stack trace.
  if (
    err instanceof ConfigError ||
    err instanceof WorkerRuleError ||
    err instanceof DataDirLockedError ||
    err instanceof JournalCorruptError
  ) {
    console.error(`BanGUI cannot start. ${err.message}`);
    process.exit(1);
  }
  const listenError = err as NodeJS.ErrnoException & {
    address?: string;
    port?: number;
    hostname?: string;
  };
  if (listenError.syscall === 'listen') {
    console.error(
      `BanGUI cannot start: cannot listen on ${listenError.address}:${listenError.port} (${listenError.code}). Choose another BANGUI_HOST/BANGUI_PORT.`,
    );
    process.exit(1);
  }
  if (listenError.syscall === 'getaddrinfo') {
    console.error(
      `BanGUI cannot start: BANGUI_HOST=${listenError.hostname} is not an address of this machine (${listenError.code}). Use an IP address such as 127.0.0.1 or 0.0.0.0.`,
    );
    process.exit(1);
  }
  throw err;
}
