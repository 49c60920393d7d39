import { parseBanTarget } from '@bangui/fail2ban';
import { Hono } from 'hono';
import type { BanListCache } from '../bans/ban-list-cache.ts';
import { banMatcher } from '../bans/ban-matcher.ts';
import type { ShortMemo } from '../cache/short-memo.ts';
import type { Fail2banPort } from '../fail2ban-port.ts';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';
import { bansQuerySchema, idsBodySchema, jailParamsSchema } from '../http/schemas.ts';
import { readJsonBody, validate } from '../http/validate.ts';

/** Mounted under /api/jails: the bans of one jail. */
export function bansRoutes(
  fail2ban: Fail2banPort,
  cache: BanListCache,
  overview: ShortMemo<unknown>,
): Hono<AppEnv> {
  // A change made through BanGUI must show at once in the lists and the counters.
  const changed = (jail: string) => {
    cache.invalidate(jail);
    overview.invalidate('');
  };
  return new Hono<AppEnv>()
    .get('/:jail/bans', async (c) => {
      const { jail } = validate(jailParamsSchema, c.req.param(), 'jail name');
      const { q, offset, limit } = validate(bansQuerySchema, c.req.query(), 'query');
      const matches = banMatcher(q);
      const bans = (await cache.get(jail)).filter((ban) => matches(ban.id));
      return c.json({
        items: bans.slice(offset, offset + limit).map((ban) => ({
          id: ban.id,
          startedAt: new Date(ban.startedAt).toISOString(),
          endsAt: ban.endsAt === null ? null : new Date(ban.endsAt).toISOString(),
          permanent: ban.permanent,
          bantimeSeconds: ban.bantimeSeconds,
        })),
        total: bans.length,
        offset,
        limit,
      });
    })
    .post('/:jail/bans', async (c) => {
      const { jail } = validate(jailParamsSchema, c.req.param(), 'jail name');
      const { ids } = await readJsonBody(c, idsBodySchema);
      const targets = canonicalTargets(ids);
      try {
        const { banned } = await fail2ban.ban(jail, targets);
        return c.json({ requested: targets.length, banned, changed: banned > 0 });
      } finally {
        changed(jail);
      }
    })
    .post('/:jail/unban', async (c) => {
      const { jail } = validate(jailParamsSchema, c.req.param(), 'jail name');
      const { ids } = await readJsonBody(c, idsBodySchema);
      const targets = unbanTargets(ids);
      try {
        const { unbanned } = await fail2ban.unban(jail, targets);
        return c.json({ requested: targets.length, unbanned, changed: unbanned > 0 });
      } finally {
        changed(jail);
      }
    });
}

const LISTED_INVALID = 20;
// Control characters never occur in an ID fail2ban reports (it splits log lines on them).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Every id must be an IP or CIDR network (fail2ban itself would ban any string
 * as a raw id). Canonical forms (fail2ban's package mirrors fail2ban's own
 * normalisation) match fail2ban's listing, and duplicates
 * collapse so `requested` counts what was actually asked of fail2ban.
 */
function canonicalTargets(ids: readonly string[]): string[] {
  const invalid: string[] = [];
  const targets = new Set<string>();
  for (const id of ids) {
    const target = parseBanTarget(id.trim());
    if (target) targets.add(target.canonical);
    else invalid.push(id);
  }
  rejectInvalid(invalid, 'Not an IP address or CIDR network');
  return [...targets];
}

/**
 * Unban takes any ID fail2ban reported: its IDs are not always addresses (a jail can
 * ban a user name, or `banip` was given a raw string). Addresses go out in canonical
 * form, which is how fail2ban lists them; any other ID is sent back exactly as given.
 */
function unbanTargets(ids: readonly string[]): string[] {
  const invalid: string[] = [];
  const targets = new Set<string>();
  for (const id of ids) {
    const target = parseBanTarget(id.trim());
    if (target) targets.add(target.canonical);
    else if (CONTROL.test(id)) invalid.push(id);
    else targets.add(id);
  }
  rejectInvalid(invalid, 'Not a ban ID (control characters)');
  return [...targets];
}

function rejectInvalid(invalid: readonly string[], what: string): void {
  if (invalid.length > 0) {
    const shown = invalid.slice(0, LISTED_INVALID).map((id) => JSON.stringify(id));
    const more =
      invalid.length > LISTED_INVALID ? ` and ${invalid.length - LISTED_INVALID} more` : '';
    throw new HttpError(400, 'invalid-ids', `${what}: ${shown.join(', ')}${more}.`, {
      details: { invalid },
    });
  }
}
