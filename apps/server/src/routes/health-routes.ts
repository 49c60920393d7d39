import { Hono } from 'hono';
import type { Fail2banPort } from '../fail2ban-port.ts';
import type { AppEnv } from '../http/app-env.ts';
import { describeError } from '../http/describe-error.ts';
import { HttpError } from '../http/http-error.ts';

/**
 * /livez: the process answers. /readyz: and fail2ban answers a ping in time,
 * and so does the shared database when there is one (`pingDatabase`). The
 * error reported is the database's when both fail: without it nothing works.
 */
export function healthRoutes(
  fail2ban: Fail2banPort,
  readyTimeoutMs: number,
  pingDatabase?: () => Promise<void>,
): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/livez', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      c.header('Cache-Control', 'no-store');
      const checks = await Promise.allSettled([
        pingDatabase && withTimeout(pingDatabase(), readyTimeoutMs, 'the database (PostgreSQL)'),
        withTimeout(fail2ban.ping(), readyTimeoutMs, 'fail2ban'),
      ]);
      const failed = checks.find((check) => check.status === 'rejected');
      if (!failed) return c.json({ status: 'ok' });
      const { code, message } = describeError(failed.reason);
      return c.json({ status: 'unavailable', error: { code, message } }, 503);
    });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new HttpError(
            503,
            'timeout',
            `${what} is unreachable: it did not answer within ${ms} ms.`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
