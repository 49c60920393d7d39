import { parseBanTarget } from '@bangui/fail2ban';
import { type Context, Hono } from 'hono';
import type { AuditRecorder } from '../audit/record-action.ts';
import type { BanListCache } from '../bans/ban-list-cache.ts';
import { banMatcher } from '../bans/ban-matcher.ts';
import type { BanChangeRecorder } from '../bans/record-ban-changes.ts';
import { describeRisks, findSelfBanRisks } from '../bans/self-ban-guard.ts';
import type { ShortMemo } from '../cache/short-memo.ts';
import type { Fail2banPort } from '../fail2ban-port.ts';
import type { AppEnv } from '../http/app-env.ts';
import { CONTROL_CHARACTERS } from '../http/control-characters.ts';
import { describeError } from '../http/describe-error.ts';
import { HttpError } from '../http/http-error.ts';
import {
  banBodySchema,
  bansQuerySchema,
  idsBodySchema,
  jailParamsSchema,
} from '../http/schemas.ts';
import { singleQuery } from '../http/single-query.ts';
import { readJsonBody, validate } from '../http/validate.ts';
import type { ProxyTrust } from '../net/proxy-trust.ts';

export interface BansRoutesDeps {
  fail2ban: Fail2banPort;
  cache: BanListCache;
  overview: ShortMemo<unknown>;
  audit: AuditRecorder;
  history: BanChangeRecorder;
  /** whose address is asking (the self-ban guard) */
  proxy: ProxyTrust;
}

/**
 * Mounted under /api/jails: the bans of one jail. Every ban and unban request
 * that passed validation is recorded in the audit log with its outcome; a
 * request refused by validation never reached fail2ban and is not an action.
 */
export function bansRoutes(deps: BansRoutesDeps): Hono<AppEnv> {
  const { fail2ban, cache, overview, audit, history, proxy } = deps;
  // A change made through BanGUI must show at once in the lists and the counters.
  const changed = (jail: string) => {
    cache.invalidate(jail);
    overview.invalidate('');
  };
  return new Hono<AppEnv>()
    .get('/:jail/bans', async (c) => {
      const { jail } = validate(jailParamsSchema, c.req.param(), 'jail name');
      const { q, offset, limit } = validate(bansQuerySchema, singleQuery(c), 'query');
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
      const { ids, confirm } = await readJsonBody(c, banBodySchema);
      const targets = canonicalTargets(ids);
      const principal = c.get('principal');
      const action = { actor: principal.name, jail, ids: targets };
      let ignoreip: string[];
      try {
        ({ ignoreip } = await fail2ban.jailSettings(jail));
      } catch (err) {
        await recordFailure(c, audit, 'BanRequested', action, err);
        throw err;
      }
      const risks = findSelfBanRisks({ targets, clientAddress: proxy.clientAddress(c), ignoreip });
      if (risks.length > 0) {
        // Only an admin may go ahead, and only by saying so: an operator who
        // bans their own address cannot undo it, an admin can at least be asked.
        const refused = principal.role !== 'admin';
        const reason = refused ? 'self-ban' : 'confirmation-required';
        if (refused || confirm !== true) {
          await audit.record(c, 'BanRequested', { ...action, outcome: 'refused', reason });
          const details = { details: { risks } };
          if (refused) {
            throw new HttpError(
              403,
              'self-ban-refused',
              `Only an admin can ban these, and only with confirmation. ${describeRisks(risks)}.`,
              details,
            );
          }
          throw new HttpError(
            409,
            'confirmation-required',
            `Send the request again with "confirm": true to ban these anyway. ${describeRisks(risks)}.`,
            details,
          );
        }
      }
      let banned: number;
      try {
        ({ banned } = await fail2ban.ban(jail, targets));
      } catch (err) {
        changed(jail);
        await recordFailure(c, audit, 'BanRequested', action, err);
        throw err;
      }
      changed(jail);
      await audit.record(c, 'BanRequested', { ...action, outcome: 'succeeded', changed: banned });
      // Reads the list back through the cache, which the next page view then reuses.
      if (banned > 0) await history.banned(jail, targets);
      return c.json({ requested: targets.length, banned, changed: banned > 0 });
    })
    .post('/:jail/unban', async (c) => {
      const { jail } = validate(jailParamsSchema, c.req.param(), 'jail name');
      const { ids } = await readJsonBody(c, idsBodySchema);
      const targets = unbanTargets(ids);
      const action = { actor: c.get('principal').name, jail, ids: targets };
      try {
        const { unbanned } = await history.lift(jail, targets, action.actor, () =>
          fail2ban.unban(jail, targets),
        );
        await audit.record(c, 'UnbanRequested', {
          ...action,
          outcome: 'succeeded',
          changed: unbanned,
        });
        return c.json({ requested: targets.length, unbanned, changed: unbanned > 0 });
      } catch (err) {
        await recordFailure(c, audit, 'UnbanRequested', action, err);
        throw err;
      } finally {
        changed(jail);
      }
    });
}

/** The action was refused by fail2ban or it was unreachable: recorded with the error's code. */
async function recordFailure(
  c: Context<AppEnv>,
  audit: AuditRecorder,
  type: 'BanRequested' | 'UnbanRequested',
  action: { actor: string; jail: string; ids: string[] },
  err: unknown,
): Promise<void> {
  await audit.record(c, type, { ...action, outcome: 'failed', reason: describeError(err).code });
}

const LISTED_INVALID = 20;

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
    else if (CONTROL_CHARACTERS.test(id)) invalid.push(id);
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
