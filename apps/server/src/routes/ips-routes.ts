import type { ReadModels } from '@bangui/domain';
import { parseBanTarget } from '@bangui/fail2ban';
import { Hono } from 'hono';
import type { Fail2banPort } from '../fail2ban-port.ts';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';
import { presentDossier, presentHistoryEntry } from '../http/present.ts';

/** How many history entries GET /api/ips/:ip includes (the rest: /api/history?address=). */
const RECENT = 20;

/**
 * GET /api/ips/:ip: where the address is banned now (asked from fail2ban, the
 * source of truth for the present), its dossier from the event log (null when
 * never banned) and its most recent history entries.
 */
export function ipsRoutes(fail2ban: Fail2banPort, readModels: ReadModels): Hono<AppEnv> {
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
    const history = readModels.history({ address: ip, limit: RECENT });
    return c.json({
      ip,
      bannedIn,
      dossier: presentDossier(readModels.dossier(ip)),
      history: history.items.map(presentHistoryEntry),
    });
  });
}
