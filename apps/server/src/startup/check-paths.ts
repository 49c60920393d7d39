import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { ConfigError } from '../config-error.ts';

/**
 * Creates the data dir when missing and checks we can write there, so a bad
 * BANGUI_DATA_DIR stops the start with a sentence instead of a stack trace later.
 */
export async function prepareDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const info = await stat(dir);
    if (!info.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    await access(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ConfigError([
      `BANGUI_DATA_DIR: cannot use ${dir} as BanGUI's data directory (${e.code ?? 'error'}: ${e.message}). Point it at a directory BanGUI may create and write.`,
    ]);
  }
}

/**
 * A missing socket is fine at startup (fail2ban may start later; /readyz says so),
 * but a path that exists and is not a socket is a configuration mistake.
 */
export async function checkSocketPath(path: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    return;
  }
  if (info.isSocket()) return;
  const kind = info.isDirectory()
    ? 'directory'
    : info.isFile()
      ? 'regular file'
      : 'non-socket file';
  throw new ConfigError([
    `BANGUI_FAIL2BAN_SOCKET: ${path} is a ${kind}, not a socket. Point it at fail2ban's control socket (for a system fail2ban: /var/run/fail2ban/fail2ban.sock).`,
  ]);
}
