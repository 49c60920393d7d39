import { Fail2banError } from '@bangui/fail2ban';
import { type Context, Hono } from 'hono';
import type { ActionInput, AuditRecorder } from '../audit/record-action.ts';
import type { Fail2banPort } from '../fail2ban-port.ts';
import type { AppEnv } from '../http/app-env.ts';
import { describeError } from '../http/describe-error.ts';
import { HttpError } from '../http/http-error.ts';
import { jailParamsSchema } from '../http/schemas.ts';
import { readJsonBody, validate } from '../http/validate.ts';
import type { JailControlPort, NumericSetting } from '../jails/jail-control.ts';
import {
  canonicalIgnoreEntry,
  ignoreIpBodySchema,
  jailSettingsBodySchema,
} from '../jails/setting-schemas.ts';

export interface JailControlRoutesDeps {
  fail2ban: Pick<Fail2banPort, 'jailSettings'>;
  /** undefined: the server was built without it (unit tests of other routes) */
  control: JailControlPort | undefined;
  audit: AuditRecorder;
  /** the jail list and a jail's bans change when a jail stops or starts */
  changed(jail: string): void;
}

/** Said in every settings answer, and shown in the web app beside the editors. */
export const NOT_PERSISTED_NOTE =
  'Runtime change only: fail2ban forgets it at its next reload or restart (jail.local is not written).';

type ControlAction = 'start' | 'stop' | 'reload';
const SETTINGS: readonly NumericSetting[] = ['bantime', 'findtime', 'maxretry'];

/**
 * Mounted under /api/jails: start, stop and reload a jail, and change its runtime
 * settings. Everything that got past validation is recorded in the audit log with
 * its outcome (`refused` when BanGUI itself said no, `failed` when fail2ban did).
 */
export function jailControlRoutes(deps: JailControlRoutesDeps): Hono<AppEnv> {
  const { fail2ban, audit, changed } = deps;
  const port = (): JailControlPort => {
    if (!deps.control) {
      throw new HttpError(
        503,
        'jail-control-unavailable',
        'Jail control is not set up on this server.',
      );
    }
    return deps.control;
  };

  const control = (action: ControlAction) =>
    async function controlJail(c: Context<AppEnv>) {
      const { jail } = validate(jailParamsSchema, c.req.param(), 'jail name');
      const jailControl = port();
      const base = { actor: c.get('principal').name, jail, action };
      const record = (input: Partial<ActionInput<'JailControlRequested'>>) =>
        audit.record(c, 'JailControlRequested', { ...base, outcome: 'succeeded', ...input });
      try {
        const refusal = await refuseControl(jailControl, jail, action);
        if (refusal) {
          await record({ outcome: 'refused', reason: refusal.code });
          throw refusal;
        }
        const { configDir } = jailControl;
        if (action === 'stop') await jailControl.stop(jail);
        else if (action === 'start') await startFromConfig(jailControl, jail, configDir as string);
        else await jailControl.reload(jail, configDir as string);
      } catch (err) {
        changed(jail);
        if (!(err instanceof HttpError && err.status === 409)) {
          await record({ outcome: 'failed', reason: describeError(err).code });
        }
        throw err;
      }
      changed(jail);
      const running = (await jailControl.runningJails()).includes(jail);
      await record({});
      return c.json({ jail, action, running });
    };

  return new Hono<AppEnv>()
    .post('/:jail/start', control('start'))
    .post('/:jail/stop', control('stop'))
    .post('/:jail/reload', control('reload'))
    .patch('/:jail/settings', async (c) => {
      const { jail } = validate(jailParamsSchema, c.req.param(), 'jail name');
      const body = await readJsonBody(c, jailSettingsBodySchema);
      const jailControl = port();
      const actor = c.get('principal').name;
      const before = await fail2ban.jailSettings(jail);
      const changes: Array<{ setting: NumericSetting; from: number; to: number }> = [];
      for (const setting of SETTINGS) {
        const wanted = body[setting];
        if (wanted === undefined) continue;
        const from = before[setting];
        const action = { actor, jail, setting, from, to: wanted };
        let to: number;
        try {
          to = await jailControl.setNumber(jail, setting, wanted);
        } catch (err) {
          await audit.record(c, 'JailSettingChanged', {
            ...action,
            outcome: 'failed',
            reason: describeError(err).code,
          });
          throw err;
        } finally {
          changed(jail);
        }
        await audit.record(c, 'JailSettingChanged', { ...action, to, outcome: 'succeeded' });
        changes.push({ setting, from, to });
      }
      return c.json({ jail, changes, persisted: false, note: NOT_PERSISTED_NOTE });
    })
    .post('/:jail/ignoreip', async (c) => {
      const { jail } = validate(jailParamsSchema, c.req.param(), 'jail name');
      const body = await readJsonBody(c, ignoreIpBodySchema);
      const jailControl = port();
      const { ignoreip: from } = await fail2ban.jailSettings(jail);
      const add = canonicalEntries(body.add, []);
      // An entry fail2ban lists that is not an address (a host name) can be removed as listed.
      const remove = canonicalEntries(body.remove, from);
      const action = { actor: c.get('principal').name, jail, setting: 'ignoreip', from };
      let to = from;
      try {
        if (add.length > 0) to = await jailControl.addIgnoreIp(jail, add);
        for (const entry of remove) {
          try {
            to = await jailControl.removeIgnoreIp(jail, entry);
          } catch (err) {
            const described = describeError(err);
            if (described.code !== 'rejected-value') throw err;
            // fail2ban's own words ("list.remove(x): x not in list"), with what was asked.
            throw new HttpError(
              422,
              'rejected-value',
              `fail2ban refused to remove ${entry} from the ignore list: ${described.message.replace(/^fail2ban refused the value: /, '')}`,
              { details: { entry } },
            );
          }
        }
      } catch (err) {
        changed(jail);
        await audit.record(c, 'JailSettingChanged', {
          ...action,
          to: { add, remove },
          outcome: 'failed',
          reason: describeError(err).code,
        });
        throw err;
      }
      changed(jail);
      await audit.record(c, 'JailSettingChanged', { ...action, to, outcome: 'succeeded' });
      return c.json({
        jail,
        added: add,
        removed: remove,
        ignoreip: to,
        persisted: false,
        note: NOT_PERSISTED_NOTE,
      });
    });
}

/** A jail that is not in the config files cannot be started: 404, not fail2ban-client's 502. */
async function startFromConfig(control: JailControlPort, jail: string, configDir: string) {
  try {
    await control.start(jail, configDir);
  } catch (err) {
    if (err instanceof Fail2banError && /No section: /.test(err.fail2banMessage ?? '')) {
      throw new HttpError(
        404,
        'unknown-jail',
        `fail2ban's configuration (${configDir}) has no jail named '${jail}'.`,
      );
    }
    throw err;
  }
}

/** Why BanGUI will not run this action (409), or undefined. */
async function refuseControl(
  control: JailControlPort,
  jail: string,
  action: ControlAction,
): Promise<HttpError | undefined> {
  if (action !== 'stop' && control.configDir === undefined) {
    return new HttpError(
      409,
      'config-dir-required',
      `To ${action} a jail BanGUI runs fail2ban-client with fail2ban's config dir; set BANGUI_FAIL2BAN_CONFIG_DIR (e.g. /etc/fail2ban) and restart BanGUI. Without it fail2ban-client would read another configuration.`,
    );
  }
  if (action === 'stop') return undefined;
  const running = (await control.runningJails()).includes(jail);
  if (action === 'start' && running) {
    return new HttpError(409, 'jail-running', `The jail '${jail}' is already running.`);
  }
  if (action === 'reload' && !running) {
    return new HttpError(
      409,
      'jail-stopped',
      `The jail '${jail}' is not running in fail2ban; start it instead.`,
    );
  }
  return undefined;
}

const LISTED_INVALID = 20;

function canonicalEntries(entries: readonly string[], listed: readonly string[]): string[] {
  const invalid: string[] = [];
  const out = new Set<string>();
  for (const entry of entries) {
    const canonical = canonicalIgnoreEntry(entry);
    if (canonical !== undefined) out.add(canonical);
    else if (listed.includes(entry)) out.add(entry);
    else invalid.push(entry);
  }
  if (invalid.length > 0) {
    const shown = invalid.slice(0, LISTED_INVALID).map((e) => JSON.stringify(e));
    throw new HttpError(
      400,
      'invalid-ids',
      `Not an IP address or CIDR network: ${shown.join(', ')}${invalid.length > LISTED_INVALID ? ` and ${invalid.length - LISTED_INVALID} more` : ''}.`,
      { details: { invalid } },
    );
  }
  return [...out];
}
