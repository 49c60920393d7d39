import { Fail2banError } from '@bangui/fail2ban';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import { createTestAdmin, createTestApp, json, jsonInit, login } from '../helpers/test-app.ts';

let admin: AdminAccount;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
});
afterAll(() => cleanup());

async function signedIn(overrides = {}) {
  const t = createTestApp(admin, overrides);
  const cookie = await login(t.app);
  const get = (path: string) => t.app.request(path, { headers: { cookie } });
  const post = (path: string, body: unknown) =>
    t.app.request(path, jsonInit('POST', body, { cookie }));
  return { ...t, cookie, get, post };
}

describe('jails', () => {
  it('lists every jail with its counters', async () => {
    const { get, fake } = await signedIn();
    fake.addBan('sshd', {
      id: '192.0.2.1',
      startedAt: 0,
      bantimeSeconds: 60,
      endsAt: 60_000,
      permanent: false,
    });
    const res = await get('/api/jails');
    expect(res.status).toBe(200);
    const { jails } = await json(res);
    expect(jails.map((j: { name: string }) => j.name)).toEqual(['sshd', 'web.login', 'nginx-auth']);
    expect(jails[0]).toEqual({
      name: 'sshd',
      currentlyFailed: 0,
      totalFailed: 0,
      currentlyBanned: 1,
      totalBanned: 1,
    });
  });

  it('shows one jail with status and settings', async () => {
    const { get } = await signedIn();
    const res = await get('/api/jails/web.login');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.name).toBe('web.login');
    expect(body.status).toMatchObject({ currentlyBanned: 0 });
    expect(body.settings).toMatchObject({ bantime: 600 });
  });

  it.each(['-sshd', 'a'.repeat(101), 'ss hd', 'ssh%2Fd', 'jail;rm'])(
    'refuses the jail name %j with 400',
    async (name) => {
      const { get, fake } = await signedIn();
      const res = await get(`/api/jails/${encodeURIComponent(name)}/bans`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toContain('jail name');
      expect(fake.calls.bans).toBeUndefined();
    },
  );

  it('maps unknown-jail to 404', async () => {
    const { get } = await signedIn();
    const res = await get('/api/jails/nope');
    expect(res.status).toBe(404);
    const body = await json(res);
    expect(body.error.code).toBe('unknown-jail');
    expect(body.error.message).toContain("'nope'");
  });
});

describe('fail2ban failures', () => {
  it('maps socket-missing to 503 saying fail2ban is unreachable and why', async () => {
    const { get, fake } = await signedIn();
    fake.failWith(
      new Fail2banError('socket-missing', 'ENOENT', {
        socketPath: '/run/f2b.sock',
        errno: 'ENOENT',
      }),
    );
    const res = await get('/api/jails');
    expect(res.status).toBe(503);
    const { error } = await json(res);
    expect(error.code).toBe('socket-missing');
    expect(error.message).toMatch(/^fail2ban is unreachable: .*\/run\/f2b\.sock does not exist/);
  });

  it('maps permission-denied to 503 telling to run as the socket owner, never to loosen it', async () => {
    const { get, fake } = await signedIn();
    fake.failWith(
      new Fail2banError('permission-denied', 'EACCES', { socketPath: '/run/f2b.sock' }),
    );
    const res = await get('/api/jails');
    expect(res.status).toBe(503);
    const { error } = await json(res);
    expect(error.message).toContain(
      "Run BanGUI as the socket's owner (root for a system fail2ban)",
    );
    expect(error.message).not.toMatch(/chmod|chown|mode|permissions? of/i);
  });

  it.each([
    ['rejected-value', 422],
    ['invalid-argument', 400],
    ['timeout', 503],
    ['connection-refused', 503],
  ] as const)('maps %s to %i', async (code, status) => {
    const { get, fake } = await signedIn();
    fake.failWith(new Fail2banError(code, 'boom', { fail2banMessage: 'bad value 42' }));
    const res = await get('/api/jails/sshd');
    expect(res.status).toBe(status);
    expect((await json(res)).error.code).toBe(code);
  });

  it('turns an unexpected error into a generic 500 and logs it', async () => {
    const { get, fake, logged } = await signedIn();
    fake.failWith(new TypeError('secret internals'));
    const res = await get('/api/jails');
    expect(res.status).toBe(500);
    const { error } = await json(res);
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('secret internals');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.error).toBeInstanceOf(TypeError);
  });
});

describe('health', () => {
  it('livez is always ok; readyz follows ping', async () => {
    const { app, fake } = createTestApp(admin);
    expect(await json(await app.request('/livez'))).toEqual({ status: 'ok' });
    expect((await app.request('/readyz')).status).toBe(200);
    fake.failWith(new Fail2banError('connection-refused', 'ECONNREFUSED', { socketPath: '/s' }));
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    const body = await json(res);
    expect(body.status).toBe('unavailable');
    expect(body.error.code).toBe('connection-refused');
    expect(body.error.message).toContain('fail2ban is unreachable');
  });

  it('readyz gives up on a ping that hangs', async () => {
    const { app, fake } = createTestApp(admin, { readyTimeoutMs: 20 });
    fake.port.ping = () => new Promise(() => {});
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect((await json(res)).error.code).toBe('timeout');
  });
});

describe('ips', () => {
  it('shows the jails an IP is banned in, by canonical form', async () => {
    const { get, post } = await signedIn();
    await post('/api/jails/sshd/bans', { ids: ['2001:db8::23'] });
    await post('/api/jails/web.login/bans', { ids: ['2001:db8::23'] });
    const res = await get(`/api/ips/${encodeURIComponent('2001:DB8:0:0:0:0:0:23')}`);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ ip: '2001:db8::23', bannedIn: ['sshd', 'web.login'] });
  });

  it.each(['not-an-ip', '192.0.2.0/24', '1.2.3'])('refuses %j with 400', async (ip) => {
    const { get } = await signedIn();
    const res = await get(`/api/ips/${encodeURIComponent(ip)}`);
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('invalid-ip');
  });
});
