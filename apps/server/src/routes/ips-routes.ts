import { parseBanTarget } from '@bangui/fail2ban';
import { Hono } from 'hono';
import type { Fail2banPort } from '../fail2ban-port.ts';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';

export function ipsRoutes(fail2ban: Fail2banPort): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/:ip', async (c) => {
    const raw = c.req.param('ip');
    const target = raw.length <= 64 ? parseBanTarget(raw) : undefined;
    if (target?.kind !== 'ip') {
      throw new HttpError(
        400,
        'invalid-ip',
        `Not an IP address: ${JSON.stringify(raw.slice(0, 64))}.`,
      );
    }
    const ip = target.canonical;
    const bannedIn = (await fail2ban.bannedIn([ip])).get(ip) ?? [];
    return c.json({ ip, bannedIn });
  });
}
