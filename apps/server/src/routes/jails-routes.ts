import { Fail2banError } from '@bangui/fail2ban';
import { Hono } from 'hono';
import type { ShortMemo } from '../cache/short-memo.ts';
import type { Fail2banPort, JailCounts } from '../fail2ban-port.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jailParamsSchema } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';

export type JailOverview = { name: string } & JailCounts;

/** Every jail with its counters: one `status` plus one `status JAIL short` per jail. */
export async function fetchJailOverview(fail2ban: Fail2banPort): Promise<JailOverview[]> {
  const { jails } = await fail2ban.status();
  const rows = await Promise.all(
    jails.map(async (name) => {
      try {
        return { name, ...pickCounts(await fail2ban.jailStatus(name, 'short')) };
      } catch (err) {
        // A jail stopped between `status` and its own status call is simply gone.
        if (err instanceof Fail2banError && err.code === 'unknown-jail') return undefined;
        throw err;
      }
    }),
  );
  return rows.filter((row) => row !== undefined);
}

/**
 * `overview` memoises the jail list for about a second: dashboards poll it, and
 * fail2ban's single thread would otherwise answer N+1 commands per poll per viewer.
 */
export function jailsRoutes(
  fail2ban: Fail2banPort,
  overview: ShortMemo<JailOverview[]>,
): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json({ jails: await overview.get('') }))
    .get('/:jail', async (c) => {
      const { jail } = validate(jailParamsSchema, c.req.param(), 'jail name');
      const [status, settings] = await Promise.all([
        fail2ban.jailStatus(jail, 'short'),
        fail2ban.jailSettings(jail),
      ]);
      return c.json({ name: jail, status: pickCounts(status), settings });
    });
}

/** Only the counters: the status reply also carries file lists that are not this route's business. */
function pickCounts(status: JailCounts): JailCounts {
  return {
    currentlyFailed: status.currentlyFailed,
    totalFailed: status.totalFailed,
    currentlyBanned: status.currentlyBanned,
    totalBanned: status.totalBanned,
  };
}
