import { Fail2banError } from '@bangui/fail2ban';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import type { JailControlPort, NumericSetting } from '../../src/jails/jail-control.ts';
import {
  ignoreIpBodySchema,
  jailSettingsBodySchema,
  parseDuration,
} from '../../src/jails/setting-schemas.ts';
import {
  createTestAdmin,
  createTestApp,
  createUser,
  json,
  jsonInit,
  login,
  loginUser,
  USER_PASSWORD,
} from '../helpers/test-app.ts';

let admin: AdminAccount;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
});
afterAll(() => cleanup());

/** An in-memory jail control: records calls; `refuse` makes the next set fail like fail2ban. */
function fakeControl(configDir: string | undefined) {
  const running = new Set(['sshd', 'web.login', 'nginx-auth']);
  const calls: string[] = [];
  let ignoreip = ['127.0.0.0/8'];
  const state = { refuse: undefined as string | undefined };
  const port: JailControlPort = {
    configDir,
    runningJails: async () => [...running],
    async stop(jail) {
      calls.push(`stop ${jail}`);
      if (!running.delete(jail)) throw new Fail2banError('unknown-jail', 'no', { jail });
    },
    async start(jail, dir) {
      calls.push(`start ${jail} -c ${dir}`);
      running.add(jail);
    },
    async reload(jail, dir) {
      calls.push(`reload ${jail} -c ${dir}`);
    },
    async setNumber(jail, setting: NumericSetting, value) {
      calls.push(`set ${jail} ${setting} ${value}`);
      if (state.refuse) {
        const message = state.refuse;
        state.refuse = undefined;
        throw new Fail2banError('rejected-value', `fail2ban rejected a value: ${message}`, {
          fail2banMessage: message,
        });
      }
      return value;
    },
    async addIgnoreIp(jail, entries) {
      calls.push(`addignoreip ${jail} ${entries.join(' ')}`);
      ignoreip = [...ignoreip, ...entries];
      return ignoreip;
    },
    async removeIgnoreIp(jail, entry) {
      calls.push(`delignoreip ${jail} ${entry}`);
      if (!ignoreip.includes(entry)) {
        throw new Fail2banError('rejected-value', 'x', {
          fail2banMessage: 'list.remove(x): x not in list',
        });
      }
      ignoreip = ignoreip.filter((e) => e !== entry);
      return ignoreip;
    },
  };
  return { port, calls, state };
}

describe('settings validation', () => {
  it('reads fail2ban durations into seconds and nothing else', () => {
    expect(parseDuration('600')).toBe(600);
    expect(parseDuration('10m')).toBe(600);
    expect(parseDuration('1h 30m')).toBe(5400);
    expect(parseDuration('1d12h')).toBe(129_600);
    expect(parseDuration('-1')).toBe(-1);
    expect(parseDuration(3600)).toBe(3600);
    // fail2ban would eval these as Python: they never get through.
    for (const bad of ['abc', '10x', '1+1', '__import__("os")', '1.5', '', 'm', '1 h x']) {
      expect(parseDuration(bad), bad).toBeUndefined();
    }
  });

  it('accepts bantime -1 or 1.., findtime 1.., maxretry 1..1000 and needs one of them', () => {
    const ok = (body: unknown) => v.safeParse(jailSettingsBodySchema, body).success;
    expect(v.parse(jailSettingsBodySchema, { bantime: '1h', maxretry: 5 })).toEqual({
      bantime: 3600,
      maxretry: 5,
    });
    expect(ok({ bantime: -1 })).toBe(true);
    expect(ok({ findtime: '10m' })).toBe(true);
    expect(ok({ maxretry: 1000 })).toBe(true);
    expect(ok({})).toBe(false);
    expect(ok({ bantime: 0 })).toBe(false);
    expect(ok({ bantime: -2 })).toBe(false);
    expect(ok({ findtime: -1 })).toBe(false);
    expect(ok({ findtime: 0 })).toBe(false);
    expect(ok({ maxretry: 0 })).toBe(false);
    expect(ok({ maxretry: 1001 })).toBe(false);
    expect(ok({ maxretry: 2.5 })).toBe(false);
    expect(ok({ maxretry: '5' })).toBe(false);
    expect(ok({ bantime: 'abc' })).toBe(false);
    expect(ok({ bantime: 2_000_000_000 })).toBe(false);
    expect(ok({ ignorecommand: 'rm -rf /' })).toBe(false);
  });

  it('takes ignoreip add/remove lists and needs at least one entry', () => {
    const ok = (body: unknown) => v.safeParse(ignoreIpBodySchema, body).success;
    expect(ok({ add: ['192.0.2.1'] })).toBe(true);
    expect(ok({ remove: ['10.0.0.0/8'] })).toBe(true);
    expect(ok({})).toBe(false);
    expect(ok({ add: [] })).toBe(false);
    expect(ok({ add: [''] })).toBe(false);
    expect(ok({ add: 'x' })).toBe(false);
    expect(ok({ add: ['1.2.3.4'], other: 1 })).toBe(false);
  });
});

describe('jail control routes (fake fail2ban)', () => {
  it('stops, starts and reloads with the config dir, and records each action', async () => {
    const control = fakeControl('/etc/f2b-test');
    const t = createTestApp(admin, { jailControl: control.port });
    const cookie = await login(t.app);
    const post = (path: string) => t.app.request(path, jsonInit('POST', {}, { cookie }));

    let res = await post('/api/jails/sshd/stop');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ jail: 'sshd', action: 'stop', running: false });
    res = await post('/api/jails/sshd/reload');
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe('jail-stopped');
    res = await post('/api/jails/sshd/start');
    expect(await json(res)).toEqual({ jail: 'sshd', action: 'start', running: true });
    res = await post('/api/jails/sshd/start');
    expect(res.status).toBe(409);
    res = await post('/api/jails/sshd/reload');
    expect(res.status).toBe(200);
    res = await post('/api/jails/nope/stop');
    expect(res.status).toBe(404);
    expect(control.calls).toEqual([
      'stop sshd',
      'start sshd -c /etc/f2b-test',
      'reload sshd -c /etc/f2b-test',
      'stop nope',
    ]);

    await t.settle();
    const audit = await json(
      await t.app.request('/api/audit?type=JailControlRequested', { headers: { cookie } }),
    );
    const rows = audit.items.map(
      (i: { details: { action: string; jail: string }; outcome: string; actor: string }) =>
        `${i.actor} ${i.details.action} ${i.details.jail} ${i.outcome}`,
    );
    expect(rows.reverse()).toEqual([
      'admin stop sshd succeeded',
      'admin reload sshd refused',
      'admin start sshd succeeded',
      'admin start sshd refused',
      'admin reload sshd succeeded',
      'admin stop nope failed',
    ]);
  });

  it('refuses start and reload with 409 naming BANGUI_FAIL2BAN_CONFIG_DIR when it is unset', async () => {
    const control = fakeControl(undefined);
    const t = createTestApp(admin, { jailControl: control.port });
    const cookie = await login(t.app);
    for (const action of ['start', 'reload']) {
      const res = await t.app.request(
        `/api/jails/sshd/${action}`,
        jsonInit('POST', {}, { cookie }),
      );
      expect(res.status).toBe(409);
      const body = await json(res);
      expect(body.error.code).toBe('config-dir-required');
      expect(body.error.message).toContain('BANGUI_FAIL2BAN_CONFIG_DIR');
    }
    expect(control.calls).toEqual([]);
  });

  it('changes settings, says they are not persisted, and turns a refusal into 422', async () => {
    const control = fakeControl('/etc/f2b-test');
    const t = createTestApp(admin, { jailControl: control.port });
    const cookie = await login(t.app);
    const patch = (body: unknown) =>
      t.app.request('/api/jails/sshd/settings', jsonInit('PATCH', body, { cookie }));

    let res = await patch({ bantime: '1h', maxretry: 7 });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      jail: 'sshd',
      persisted: false,
      changes: [
        { setting: 'bantime', from: 600, to: 3600 },
        { setting: 'maxretry', from: 3, to: 7 },
      ],
    });
    expect(control.calls).toEqual(['set sshd bantime 3600', 'set sshd maxretry 7']);

    res = await patch({ maxretry: 0 });
    expect(res.status).toBe(400);
    expect((await json(res)).error.message).toContain('maxretry must be at least 1');

    control.state.refuse = "invalid literal for int() with base 10: 'x'";
    res = await patch({ findtime: 60 });
    expect(res.status).toBe(422);
    expect((await json(res)).error.message).toBe(
      "fail2ban refused the value: invalid literal for int() with base 10: 'x'",
    );

    await t.settle();
    const audit = await json(
      await t.app.request('/api/audit?type=JailSettingChanged', { headers: { cookie } }),
    );
    expect(
      audit.items
        .map(
          (i: { details: { setting: string; from: unknown; to: unknown }; outcome: string }) =>
            `${i.details.setting} ${i.details.from}->${i.details.to} ${i.outcome}`,
        )
        .reverse(),
    ).toEqual([
      'bantime 600->3600 succeeded',
      'maxretry 3->7 succeeded',
      'findtime 600->60 failed',
    ]);
  });

  it('lets an operator edit ignoreip (canonical IP/CIDR only) but not the settings', async () => {
    const control = fakeControl('/etc/f2b-test');
    const t = createTestApp(admin, { jailControl: control.port });
    await createUser(t.app, await login(t.app), 'otto', 'operator');
    const cookie = await loginUser(t.app, 'otto', USER_PASSWORD);
    const post = (body: unknown) =>
      t.app.request('/api/jails/sshd/ignoreip', jsonInit('POST', body, { cookie }));

    let res = await post({ add: ['192.0.2.7/24', '2001:DB8::1'] });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      added: ['192.0.2.0/24', '2001:db8::1'],
      persisted: false,
    });
    res = await post({ add: ['not-an-ip'] });
    expect(res.status).toBe(400);
    expect((await json(res)).error.message).toBe('Not an IP address or CIDR network: "not-an-ip".');
    res = await post({ remove: ['198.51.100.1'] });
    expect(res.status).toBe(422);
    expect((await json(res)).error.message).toContain('list.remove(x): x not in list');
    res = await post({ remove: ['192.0.2.0/24'] });
    expect((await json(res)).ignoreip).toEqual(['127.0.0.0/8', '2001:db8::1']);

    for (const [method, path] of [
      ['PATCH', '/api/jails/sshd/settings'],
      ['POST', '/api/jails/sshd/stop'],
      ['POST', '/api/jails/sshd/reload'],
    ] as const) {
      res = await t.app.request(path, jsonInit(method, { maxretry: 5 }, { cookie }));
      expect(res.status, path).toBe(403);
    }
  });
});
