// `npm run demo`: a real, sandboxed fail2ban-server with a traffic generator, plus
// BanGUI on the in-memory adapter set, in the foreground. Ctrl-C (or SIGTERM)
// stops BanGUI, the generator and fail2ban, and leaves nothing running.
//
// The demo honours the same BANGUI_* variables as `npm start`. When
// BANGUI_FAIL2BAN_SOCKET is set, it talks to that fail2ban instead of starting
// a sandbox.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSandbox, startTrafficGenerator } from '@bangui/sandbox';
import { startServer } from '@bangui/server';

const repoRoot = resolve(import.meta.dirname, '..');

/**
 * The demo's admin password: the environment's when given, otherwise one made on
 * the first demo run and kept in the demo's data dir (0600), so every run can
 * print it. BanGUI itself reads it through BANGUI_ADMIN_PASSWORD_FILE.
 */
function demoPassword(
  env: NodeJS.ProcessEnv,
  dataDir: string,
): { env: Record<string, string>; shown: string } {
  if (env.BANGUI_ADMIN_PASSWORD) return { env: {}, shown: env.BANGUI_ADMIN_PASSWORD };
  if (env.BANGUI_ADMIN_PASSWORD_FILE) {
    return { env: {}, shown: `(from ${env.BANGUI_ADMIN_PASSWORD_FILE})` };
  }
  const file = join(dataDir, 'demo-admin-password');
  if (!existsSync(file)) {
    writeFileSync(file, `${randomBytes(12).toString('base64url')}\n`, { mode: 0o600 });
  }
  return { env: { BANGUI_ADMIN_PASSWORD_FILE: file }, shown: readFileSync(file, 'utf8').trim() };
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.BANGUI_DATA_DIR ?? join(repoRoot, '.data/demo'));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const external = process.env.BANGUI_FAIL2BAN_SOCKET;
  const sandbox = external ? undefined : await startSandbox({ action: 'dummy' });
  const traffic = sandbox ? startTrafficGenerator(sandbox) : undefined;
  const password = demoPassword(process.env, dataDir);

  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    BANGUI_DATA_DIR: dataDir,
    BANGUI_WEB_DIR: process.env.BANGUI_WEB_DIR ?? join(repoRoot, 'apps/web/dist'),
    // One log line per request would scroll the URL and password out of sight;
    // the demo shows warnings and errors unless asked for more.
    BANGUI_LOG_LEVEL: process.env.BANGUI_LOG_LEVEL ?? 'warn',
    ...password.env,
  };
  if (sandbox) env.BANGUI_FAIL2BAN_SOCKET = sandbox.socketPath;

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ env });
  } catch (err) {
    traffic?.stop();
    await sandbox?.destroy();
    throw err;
  }

  console.log(
    [
      '',
      '  BanGUI demo is running.',
      '',
      `  Open:      ${server.url}`,
      '  User:      admin',
      `  Password:  ${password.shown}`,
      '',
      sandbox
        ? `  fail2ban:  sandboxed fail2ban-server (socket ${sandbox.socketPath}), jails ${sandbox.jails.join(', ')};\n             a traffic generator appends failed logins from documentation addresses, so bans appear on their own.`
        : `  fail2ban:  ${external}`,
      '',
      '  Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping BanGUI, the traffic generator and fail2ban ...`);
    traffic?.stop();
    await server.close().catch((err) => console.error('BanGUI close failed:', err));
    await sandbox?.destroy().catch((err) => console.error('fail2ban stop failed:', err));
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const port = process.env.BANGUI_PORT ?? '8080';
    console.error(
      `BanGUI cannot listen on port ${port} (${code}). Another program uses it: pick a free port, e.g. BANGUI_PORT=18080 npm run demo`,
    );
  } else {
    console.error(err instanceof Error ? err.message : String(err));
  }
  process.exit(1);
});
