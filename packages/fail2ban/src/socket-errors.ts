import { Fail2banError } from './errors.ts';

/** Errno codes that mean "try connecting again shortly" (fail2ban busy or restarting). */
export const RETRYABLE_CONNECT_ERRNOS: ReadonlySet<string> = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'EAGAIN',
]);

/** Maps a Node socket error (from connect or an open connection) to a Fail2banError. */
export function socketError(err: unknown, socketPath: string): Fail2banError {
  const errno = (err as NodeJS.ErrnoException | undefined)?.code;
  const base = { errno, socketPath, cause: err };
  switch (errno) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new Fail2banError(
        'socket-missing',
        `fail2ban control socket ${socketPath} does not exist: fail2ban-server is not running, or BANGUI_FAIL2BAN_SOCKET points to the wrong path`,
        { ...base, retryable: true },
      );
    case 'EACCES':
    case 'EPERM':
      // Why no "chmod" hint: whoever can write to this socket can make fail2ban (root)
      // unpickle arbitrary data, i.e. run code as root. The fix is the right user, never a
      // looser mode.
      return new Fail2banError(
        'permission-denied',
        `permission denied on fail2ban control socket ${socketPath}: BanGUI must run as the socket's owner (root for a system fail2ban). Do not change the socket's mode or permissions.`,
        { ...base, retryable: false },
      );
    case 'ECONNREFUSED':
      return new Fail2banError(
        'connection-refused',
        `fail2ban control socket ${socketPath} refused the connection (stale socket, or fail2ban-server is stopping or starting)`,
        { ...base, retryable: true },
      );
    case 'EAGAIN':
      return new Fail2banError(
        'unavailable',
        `fail2ban-server at ${socketPath} is busy and did not accept the connection (EAGAIN)`,
        { ...base, retryable: true },
      );
    default:
      return new Fail2banError(
        'unavailable',
        `connection to fail2ban control socket ${socketPath} failed: ${(err as Error | undefined)?.message ?? String(err)}`,
        { ...base, retryable: true },
      );
  }
}
