import { Hono } from 'hono';
import type { Fail2banPort } from '../fail2ban-port.ts';
import type { AppEnv } from '../http/app-env.ts';
import { describeError } from '../http/describe-error.ts';
import { HttpError } from '../http/http-error.ts';

/** /livez: the process answers. /readyz: and fail2ban answers a ping in time. */
export function healthRoutes(fail2ban: Fail2banPort, readyTimeoutMs: number): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/livez', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      c.header('Cache-Control', 'no-store');
      try {
        await withTimeout(fail2ban.ping(), readyTimeoutMs);
        return c.json({ status: 'ok' });
      } catch (err) {
        const { code, message } = describeError(err);
        return c.json({ status: 'unavailable', error: { code, message } }, 503);
      }
    });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new HttpError(
            503,
            'timeout',
            `fail2ban is unreachable: it did not answer a ping within ${ms} ms.`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
