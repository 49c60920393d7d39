import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import { argon2Hasher, type PasswordHasher } from '../../src/auth/password-hasher.ts';
import {
  createTestAdmin,
  createTestApp,
  createUser,
  json,
  jsonInit,
  login,
  loginUser,
  PASSWORD,
  peer,
  USER_PASSWORD,
} from '../helpers/test-app.ts';

let admin: AdminAccount;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
});
afterAll(() => cleanup());

const get = (app: ReturnType<typeof createTestApp>['app'], path: string, cookie: string) =>
  app.request(path, { headers: { cookie } });

describe('users', () => {
  it('creates, lists, changes role (revoking sessions) and disables users', async () => {
    const { app } = createTestApp(admin);
    const adminCookie = await login(app);
    await createUser(app, adminCookie, 'otto', 'operator');
    const otto = await loginUser(app, 'otto', USER_PASSWORD);
    expect(await json(await get(app, '/api/auth/me', otto))).toEqual({
      user: { name: 'otto', role: 'operator' },
    });
    const list = await json(await get(app, '/api/users', adminCookie));
    expect(list.users.map((u: { name: string; role: string }) => [u.name, u.role])).toEqual([
      ['admin', 'admin'],
      ['otto', 'operator'],
    ]);

    const patch = (body: unknown) =>
      app.request('/api/users/otto', jsonInit('PATCH', body, { cookie: adminCookie }));
    const demoted = await patch({ role: 'viewer' });
    expect(demoted.status).toBe(200);
    expect((await json(demoted)).revokedSessions).toBe(1);
    expect((await get(app, '/api/auth/me', otto)).status).toBe(401);
    const again = await loginUser(app, 'otto', USER_PASSWORD);
    expect((await json(await get(app, '/api/auth/me', again))).user.role).toBe('viewer');

    expect((await patch({ disabled: true })).status).toBe(200);
    expect((await get(app, '/api/auth/me', again)).status).toBe(401);
    const refused = await app.request(
      '/api/auth/login',
      jsonInit('POST', { username: 'otto', password: USER_PASSWORD }),
      peer('192.0.2.1'),
    );
    expect(refused.status).toBe(401);
    expect((await json(refused)).error.code).toBe('invalid-credentials');
  });

  it('refuses a duplicate name (409), a short password and a bad role (400), with clear messages', async () => {
    const { app } = createTestApp(admin);
    const cookie = await login(app);
    const post = (body: unknown) => app.request('/api/users', jsonInit('POST', body, { cookie }));
    const dup = await post({ username: 'admin', role: 'viewer', password: USER_PASSWORD });
    expect(dup.status).toBe(409);
    expect((await json(dup)).error.code).toBe('user-exists');
    const short = await post({ username: 'bob', role: 'viewer', password: 'short' });
    expect(short.status).toBe(400);
    expect((await json(short)).error.message).toContain('at least 12 characters');
    const role = await post({ username: 'bob', role: 'root', password: USER_PASSWORD });
    expect(role.status).toBe(400);
    expect((await json(role)).error.message).toContain('role must be one of');
  });

  it('does one argon2 verification for a wrong password, an unknown user and a disabled user alike', async () => {
    let verifies = 0;
    const counting: PasswordHasher = {
      hash: argon2Hasher.hash,
      verify: (hash, password) => {
        verifies++;
        return argon2Hasher.verify(hash, password);
      },
    };
    const { app } = createTestApp(admin, { passwordHasher: counting });
    const cookie = await login(app);
    await createUser(app, cookie, 'dora', 'viewer');
    await app.request('/api/users/dora', jsonInit('PATCH', { disabled: true }, { cookie }));
    const answers: unknown[] = [];
    for (const [username, password] of [
      ['admin', 'wrong password'],
      ['nosuchuser', 'wrong password'],
      ['dora', USER_PASSWORD],
    ]) {
      verifies = 0;
      const res = await app.request(
        '/api/auth/login',
        jsonInit('POST', { username, password }),
        peer('192.0.2.50'),
      );
      expect(res.status).toBe(401);
      answers.push(await json(res));
      expect(verifies, username).toBe(1);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('changes the own password (12+ chars, current required), ending other sessions', async () => {
    const { app } = createTestApp(admin);
    const first = await login(app);
    const second = await login(app, '192.0.2.2');
    const change = (body: unknown) =>
      app.request('/api/auth/password', jsonInit('POST', body, { cookie: first }));
    expect((await change({ current: 'wrong', new: 'a new long password' })).status).toBe(400);
    expect((await change({ current: PASSWORD, new: 'short' })).status).toBe(400);
    const ok = await change({ current: PASSWORD, new: 'a new long password' });
    expect(ok.status).toBe(200);
    expect((await get(app, '/api/auth/me', second)).status).toBe(401);
    expect((await get(app, '/api/auth/me', first)).status).toBe(401);
    const fresh = (ok.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await get(app, '/api/auth/me', fresh)).status).toBe(200);
    await loginUser(app, 'admin', 'a new long password');
  });

  it('lists and revokes own sessions; login always makes a new session id', async () => {
    const { app } = createTestApp(admin);
    const a = await login(app);
    const b = await login(app);
    expect(a).not.toBe(b);
    const { sessions } = await json(await get(app, '/api/auth/sessions', a));
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s: { current: boolean }) => !s.current);
    const del = await app.request(
      `/api/auth/sessions/${other.id}`,
      jsonInit('DELETE', {}, { cookie: a }),
    );
    expect(del.status).toBe(200);
    expect((await get(app, '/api/auth/me', b)).status).toBe(401);
    const all = await app.request(
      '/api/auth/sessions/revoke-all',
      jsonInit('POST', {}, { cookie: a }),
    );
    expect(await json(all)).toEqual({ revoked: 1 });
    expect((await get(app, '/api/auth/me', a)).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('are shown once, authenticate with their role, skip the Origin check but not JSON, and revoke', async () => {
    const { app, fake, clock } = createTestApp(admin);
    const cookie = await login(app);
    const created = await app.request(
      '/api/tokens',
      jsonInit('POST', { name: 'ci', role: 'operator', expiresInDays: 30 }, { cookie }),
    );
    expect(created.status).toBe(201);
    const { token, id } = await json(created);
    expect(token).toMatch(/^bgt_[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{32}$/);
    const bearer = { authorization: `Bearer ${token}` };

    const ban = await app.request('/api/jails/sshd/bans', {
      method: 'POST',
      headers: {
        ...bearer,
        'content-type': 'application/json',
        origin: 'https://elsewhere.example',
      },
      body: JSON.stringify({ ids: ['198.51.100.9'] }),
    });
    expect(ban.status).toBe(200);
    expect(fake.calls.ban).toBe(1);
    const noJson = await app.request('/api/jails/sshd/bans', {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'text/plain' },
      body: JSON.stringify({ ids: ['198.51.100.9'] }),
    });
    expect(noJson.status).toBe(415);
    const rebuild = await app.request('/api/admin/rebuild', jsonInit('POST', {}, bearer));
    expect(rebuild.status).toBe(403);
    const mint = await app.request(
      '/api/tokens',
      jsonInit('POST', { name: 'x', role: 'viewer' }, bearer),
    );
    expect((await json(mint)).error.code).toBe('session-required');

    const listed = await json(await get(app, '/api/tokens', cookie));
    expect(listed.tokens).toEqual([
      expect.objectContaining({ id, name: 'ci', role: 'operator', owner: 'admin' }),
    ]);
    expect(listed.tokens[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token.split('.')[1]);

    clock.advance(31 * 24 * 60 * 60_000);
    expect((await app.request('/api/jails', { headers: bearer })).status).toBe(401);
    // The session from the start has expired too by now.
    const later = await login(app);
    const revoked = await app.request(
      `/api/tokens/${id}`,
      jsonInit('DELETE', {}, { cookie: later }),
    );
    expect(revoked.status).toBe(200);
    expect((await json(await get(app, '/api/tokens', later))).tokens).toEqual([]);
  });

  it('write last use at most once a minute', async () => {
    const { app, adapters, clock } = createTestApp(admin);
    const cookie = await login(app);
    const { token, id } = await json(
      await app.request('/api/tokens', jsonInit('POST', { name: 'm', role: 'viewer' }, { cookie })),
    );
    const writes: string[] = [];
    adapters.runtimeState.subscribe((key) => writes.push(key));
    const use = () => app.request('/api/jails', { headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 5; i++) expect((await use()).status).toBe(200);
    clock.advance(61_000);
    expect((await use()).status).toBe(200);
    expect(writes.filter((k) => k === `token-last-used:${id}`)).toHaveLength(2);
  });

  it('cannot have a higher role than their creator, and die with a disabled owner', async () => {
    const { app } = createTestApp(admin);
    const adminCookie = await login(app);
    await createUser(app, adminCookie, 'vic', 'viewer');
    const vic = await loginUser(app, 'vic', USER_PASSWORD);
    const high = await app.request(
      '/api/tokens',
      jsonInit('POST', { name: 't', role: 'admin' }, { cookie: vic }),
    );
    expect(high.status).toBe(403);
    expect((await json(high)).error.code).toBe('role-too-high');
    const { token } = await json(
      await app.request(
        '/api/tokens',
        jsonInit('POST', { name: 't', role: 'viewer' }, { cookie: vic }),
      ),
    );
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.request('/api/jails', { headers: bearer })).status).toBe(200);
    await app.request(
      '/api/users/vic',
      jsonInit('PATCH', { disabled: true }, { cookie: adminCookie }),
    );
    expect((await app.request('/api/jails', { headers: bearer })).status).toBe(401);
  });
});

describe('self-ban guard', () => {
  it('asks an admin to confirm (409), refuses an operator (403), and bans with confirm', async () => {
    const { app, fake, settle, history } = createTestApp(admin);
    const adminCookie = await login(app, '203.0.113.5');
    await createUser(app, adminCookie, 'olga', 'operator');
    const olga = await loginUser(app, 'olga', USER_PASSWORD, '203.0.113.5');
    const ban = (cookie: string, body: unknown) =>
      app.request('/api/jails/sshd/bans', jsonInit('POST', body, { cookie }), peer('203.0.113.5'));

    const ask = await ban(adminCookie, { ids: ['203.0.113.0/24', '127.0.0.1', '198.51.100.1'] });
    expect(ask.status).toBe(409);
    const body = await json(ask);
    expect(body.error.code).toBe('confirmation-required');
    expect(body.error.message).toContain(
      '203.0.113.0/24: it would ban your own address 203.0.113.5',
    );
    expect(body.error.message).toContain("127.0.0.1: it is in the jail's ignoreip (127.0.0.1/8)");
    expect(body.error.risks.map((r: { id: string }) => r.id)).toEqual([
      '203.0.113.0/24',
      '127.0.0.1',
    ]);

    const operator = await ban(olga, { ids: ['203.0.113.5'], confirm: true });
    expect(operator.status).toBe(403);
    expect((await json(operator)).error.code).toBe('self-ban-refused');
    expect(fake.calls.ban).toBeUndefined();

    const confirmed = await ban(adminCookie, { ids: ['127.0.0.1'], confirm: true });
    expect(confirmed.status).toBe(200);
    expect(fake.calls.ban).toBe(1);

    await settle();
    const refusals = history.readModels.audit({ type: 'BanRequested', outcome: 'refused' });
    expect(refusals.items.map((e) => [e.actor, e.reason])).toEqual([
      ['olga', 'self-ban'],
      ['admin', 'confirmation-required'],
    ]);
  });
});

describe('audit of account and token actions', () => {
  it('records who did it, from where and how it went', async () => {
    const { app, settle, history } = createTestApp(admin);
    const cookie = await login(app, '192.0.2.77');
    await app.request(
      '/api/users',
      jsonInit('POST', { username: 'amy', role: 'viewer', password: USER_PASSWORD }, { cookie }),
      peer('192.0.2.77'),
    );
    await app.request(
      '/api/users',
      jsonInit('POST', { username: 'amy', role: 'viewer', password: USER_PASSWORD }, { cookie }),
      peer('192.0.2.77'),
    );
    await app.request(
      '/api/tokens',
      jsonInit('POST', { name: 'n', role: 'viewer' }, { cookie }),
      peer('192.0.2.77'),
    );
    await settle();
    const { items } = history.readModels.audit({
      type: ['UserChangeRequested', 'TokenChangeRequested'],
    });
    expect(
      items.map((e) => [e.type, e.actor, e.clientAddress, e.outcome, e.reason, e.details.change]),
    ).toEqual([
      ['TokenChangeRequested', 'admin', '192.0.2.77', 'succeeded', null, 'create'],
      ['UserChangeRequested', 'admin', '192.0.2.77', 'refused', 'user-exists', 'create'],
      ['UserChangeRequested', 'admin', '192.0.2.77', 'succeeded', null, 'create'],
    ]);
    expect(JSON.stringify(items)).not.toContain('argon2');
  });
});
