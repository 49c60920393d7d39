import type { EventStore } from '@bangui/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import {
  createTestAdmin,
  createTestApp,
  json,
  jsonInit,
  login,
  PASSWORD,
  peer,
} from '../helpers/test-app.ts';

let admin: AdminAccount;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
});
afterAll(() => cleanup());

const CLIENT = '192.0.2.50';

async function signedIn(options: Parameters<typeof createTestApp>[1] = {}) {
  const t = createTestApp(admin, options);
  const cookie = await login(t.app, CLIENT);
  const get = async (path: string) => {
    await t.settle();
    return t.app.request(path, { headers: { cookie } }, peer(CLIENT));
  };
  const post = (path: string, body: unknown) =>
    t.app.request(path, jsonInit('POST', body, { cookie }), peer(CLIENT));
  return { ...t, cookie, get, post };
}

describe('audit and history of actions through BanGUI', () => {
  it('a ban is in the history at once, attributed to the user, and audited with the client address', async () => {
    const { get, post, clock } = await signedIn();
    expect(
      (await post('/api/jails/sshd/bans', { ids: ['198.51.100.7', '198.51.100.7 '] })).status,
    ).toBe(200);

    const history = await json(await get('/api/history?jail=sshd'));
    expect(history).toEqual({
      items: [
        expect.objectContaining({
          kind: 'ban',
          jail: 'sshd',
          id: '198.51.100.7',
          at: new Date(clock.now()).toISOString(),
          origin: 'poll',
          actor: 'admin',
          reason: null,
        }),
      ],
      nextCursor: null,
    });
    const audit = await json(await get('/api/audit?type=BanRequested'));
    expect(audit.items).toEqual([
      expect.objectContaining({
        type: 'BanRequested',
        actor: 'admin',
        clientAddress: CLIENT,
        outcome: 'succeeded',
        at: new Date(clock.now()).toISOString(),
        details: { jail: 'sshd', ids: ['198.51.100.7'], changed: 1 },
      }),
    ]);
  });

  it('an unban records BanEnded lifted-through-bangui under the ban’s own key, and UnbanRequested', async () => {
    const { get, post, clock, adapters } = await signedIn();
    await post('/api/jails/sshd/bans', { ids: ['198.51.100.8'] });
    clock.advance(60_000);
    expect(
      (await post('/api/jails/sshd/unban', { ids: ['198.51.100.8', '198.51.100.9'] })).status,
    ).toBe(200);

    const items = (await json(await get('/api/history?address=198.51.100.8'))).items;
    expect(items.map((e: { kind: string }) => e.kind)).toEqual(['unban', 'ban']);
    expect(items[0]).toMatchObject({
      reason: 'lifted-through-bangui',
      actor: 'admin',
      bannedAt: items[1].bannedAt,
      at: new Date(clock.now()).toISOString(),
    });
    const ended = (await adapters.eventStore.readAll()).filter((e) => e.type === 'BanEnded');
    expect(ended).toHaveLength(1);
    expect(ended[0]?.version).toBe(2);
    const audit = await json(await get('/api/audit?type=UnbanRequested'));
    expect(audit.items[0]).toMatchObject({
      outcome: 'succeeded',
      details: { jail: 'sshd', ids: ['198.51.100.8', '198.51.100.9'], changed: 1 },
    });
    const dossier = await json(await get('/api/ips/198.51.100.8'));
    expect(dossier).toMatchObject({
      ip: '198.51.100.8',
      bannedIn: [],
      dossier: { timesBanned: 1, jails: [{ jail: 'sshd', bans: 1 }], currentlyBannedIn: [] },
    });
    expect(dossier.history).toHaveLength(2);
  });

  it('a request fail2ban refuses is audited as failed with the error code', async () => {
    const { get, post } = await signedIn();
    expect((await post('/api/jails/nosuch/bans', { ids: ['198.51.100.1'] })).status).toBe(404);
    expect((await post('/api/jails/nosuch/unban', { ids: ['198.51.100.1'] })).status).toBe(404);
    const audit = await json(await get('/api/audit?outcome=failed'));
    expect(audit.items.map((e: { type: string; reason: string }) => [e.type, e.reason])).toEqual([
      ['UnbanRequested', 'unknown-jail'],
      ['BanRequested', 'unknown-jail'],
    ]);
  });

  it('logins (good, bad, rate limited) and logout are audited with the name tried', async () => {
    const t = await signedIn({
      loginLimits: {
        perAddress: { limit: 3, windowMs: 60_000 },
        perUsername: { limit: 100, windowMs: 60_000 },
      },
    });
    const attempt = (username: string, password: string) =>
      t.app.request(
        '/api/auth/login',
        jsonInit('POST', { username, password }),
        peer('203.0.113.4'),
      );
    expect((await attempt('admin', 'wrong')).status).toBe(401);
    expect((await attempt('mallory', PASSWORD)).status).toBe(401);
    expect((await attempt('admin', 'wrong')).status).toBe(401);
    expect((await attempt('admin', PASSWORD)).status).toBe(429);
    expect((await t.post('/api/auth/logout', {})).status).toBe(204);

    const other = createTestApp(admin, { adapters: t.adapters });
    const cookie = await login(other.app);
    await other.settle();
    const res = await other.app.request('/api/audit?limit=10', { headers: { cookie } });
    const rows = (await json(res)).items.map(
      (e: {
        type: string;
        actor: string | null;
        outcome: string;
        clientAddress: string;
        details: { username?: string };
      }) => [e.type, e.actor, e.details.username ?? null, e.outcome, e.clientAddress],
    );
    expect(rows).toEqual([
      ['LoginSucceeded', 'admin', 'admin', 'succeeded', '192.0.2.1'],
      ['LoggedOut', 'admin', null, 'succeeded', CLIENT],
      ['LoginFailed', 'admin', 'admin', 'refused', '203.0.113.4'],
      ['LoginFailed', 'admin', 'admin', 'failed', '203.0.113.4'],
      ['LoginFailed', null, 'mallory', 'failed', '203.0.113.4'],
      ['LoginFailed', 'admin', 'admin', 'failed', '203.0.113.4'],
      ['LoginSucceeded', 'admin', 'admin', 'succeeded', CLIENT],
    ]);
  });

  it('a failed audit append is logged and the ban still answers 200', async () => {
    const t = createTestApp(admin);
    const store = t.adapters.eventStore;
    const failing: EventStore = {
      ...store,
      append: async (stream, events, options) => {
        if (stream.startsWith('audit-')) throw new Error('disk full');
        return store.append(stream, events, options);
      },
    };
    const { post, logged } = await signedIn({ adapters: { ...t.adapters, eventStore: failing } });
    const res = await post('/api/jails/sshd/bans', { ids: ['198.51.100.10'] });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ banned: 1 });
    const messages = logged.map((l) => l.message);
    expect(messages).toEqual([
      expect.stringMatching(/^audit: could not record LoginSucceeded /),
      expect.stringMatching(/^audit: could not record BanRequested .*198\.51\.100\.10/),
    ]);
  });
});

describe('stats, CSV export, rebuild', () => {
  it('counts a ban in its jail’s hourly bucket and lists it on top', async () => {
    const { get, post, clock } = await signedIn();
    await post('/api/jails/web.login/bans', { ids: ['198.51.100.20'] });
    const bannedAt = clock.now();
    // The preset range ends now (exclusive); a ban at this very millisecond is not in it yet.
    clock.advance(60_000);
    const stats = await json(await get('/api/stats?range=24h'));
    expect(stats.bucket).toBe('hour');
    expect(stats.to).toBe(new Date(clock.now()).toISOString());
    const series = stats.series.find((s: { jail: string }) => s.jail === 'web.login');
    const hour = new Date(Math.floor(bannedAt / 3_600_000) * 3_600_000).toISOString();
    expect(series.points.find((p: { t: string }) => p.t === hour)).toEqual({
      t: hour,
      bans: 1,
      unbans: 0,
    });
    expect(stats.topJails).toEqual([{ jail: 'web.login', bans: 1 }]);
    expect(stats.topAddresses).toEqual([
      { id: '198.51.100.20', address: '198.51.100.20', bans: 1 },
    ]);
  });

  it('exports the history as a CSV attachment with the same filters', async () => {
    const { get, post } = await signedIn();
    await post('/api/jails/sshd/bans', { ids: ['198.51.100.30'] });
    await post('/api/jails/web.login/bans', { ids: ['198.51.100.31'] });
    for (const path of ['/api/history.csv?jail=sshd', '/api/history?jail=sshd&format=csv']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="bangui-history-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const lines = (await res.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'time,event,jail,id,banned_at,bantime_seconds,ends_at,source,reason,actor,position',
      );
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^[^,]+,ban,sshd,198\.51\.100\.30,.*,poll,,admin,\d+$/);
    }
  });

  it('POST /api/admin/rebuild answers a summary equal to the incremental build', async () => {
    const { post, history, settle } = await signedIn();
    await post('/api/jails/sshd/bans', { ids: ['198.51.100.40', '198.51.100.41'] });
    await post('/api/jails/sshd/unban', { ids: ['198.51.100.40'] });
    await settle();
    const incremental = history.summary();
    const res = await post('/api/admin/rebuild', {});
    expect(res.status).toBe(200);
    const rebuilt = await json(res);
    expect(rebuilt).toEqual(incremental);
    expect(rebuilt.projections.history.count).toBe(3);
    expect(rebuilt.projections.activeBans.count).toBe(1);
    // the admin's UserCreated (seeded from admin.json), LoginSucceeded, BanRequested,
    // 2 BanObserved, BanEnded, UnbanRequested
    expect(rebuilt.events).toBe(7);
  });
});
