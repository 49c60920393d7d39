import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isFail2banError } from '@bangui/fail2ban';
import { type CheckResult, fail, ok } from './check.ts';
import { permissionDeniedAdvice } from './socket-advice.ts';

const NAME = 'fail2ban socket';
const START_FAIL2BAN =
  "start fail2ban (systemctl start fail2ban; it creates the socket), or set BANGUI_FAIL2BAN_SOCKET to the `socket` path of fail2ban's fail2ban.conf/fail2ban.local";

/** The socket path exists and is a socket. Returns its owner for the permission advice. */
export async function checkSocketFile(
  path: string,
): Promise<{ result: CheckResult; ownerUid?: number }> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => err);
  if (info instanceof Error) {
    if (info.code === 'EACCES') {
      return {
        result: fail(
          NAME,
          `cannot look at ${path} (EACCES)`,
          permissionDeniedAdvice(path, undefined),
        ),
      };
    }
    const dirExists = await stat(dirname(path)).then(
      (d) => d.isDirectory(),
      () => false,
    );
    return {
      result: fail(
        NAME,
        dirExists
          ? `${path} does not exist: fail2ban is not running, or uses another socket`
          : `${path} does not exist, nor does its directory ${dirname(path)}`,
        START_FAIL2BAN,
      ),
    };
  }
  if (!info.isSocket()) {
    const kind = info.isDirectory()
      ? 'a directory'
      : info.isFile()
        ? 'a regular file'
        : 'not a socket';
    return {
      result: fail(
        NAME,
        `${path} is ${kind}, not a socket`,
        "set BANGUI_FAIL2BAN_SOCKET to fail2ban's control socket (a system fail2ban: /var/run/fail2ban/fail2ban.sock)",
      ),
    };
  }
  return { result: ok(NAME, `${path} is a socket (owner uid ${info.uid})`), ownerUid: info.uid };
}

/** fail2ban answers a ping on the socket. */
export async function checkConnect(
  path: string,
  ping: () => Promise<unknown>,
  ownerUid: number | undefined,
): Promise<CheckResult> {
  const name = 'fail2ban connection';
  try {
    await ping();
    return ok(name, 'fail2ban answers');
  } catch (err) {
    if (isFail2banError(err) && err.code === 'permission-denied') {
      return fail(name, `permission denied on ${path}`, permissionDeniedAdvice(path, ownerUid));
    }
    if (
      isFail2banError(err) &&
      (err.code === 'connection-refused' || err.code === 'socket-missing')
    ) {
      return fail(name, `nobody answers on ${path} (${err.code})`, START_FAIL2BAN);
    }
    return fail(
      name,
      `fail2ban did not answer: ${(err as Error).message}`,
      'check fail2ban (systemctl status fail2ban; fail2ban-client ping)',
    );
  }
}
