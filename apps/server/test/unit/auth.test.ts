import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import {
  cookieFrom,
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

const loginAs = (
  app: ReturnType<typeof createTestApp>['app'],
  username: string,
  password: string,
  address = '192.0.2.1',
) => app.request('/api/auth/login', jsonInit('POST', { username, password }), peer(address));

describe('login', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and returns the user', async () => {
    const { app } = createTestApp(admin);
    const res = await loginAs(app, 'admin', PASSWORD);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ user: { name: 'admin', role: 'admin' } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^bangui_session=[^;]+\.[^;]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');

    const me = await app.request('/api/auth/me', { headers: { cookie: cookieFrom(res) } });
    expect(me.status).toBe(200);
    expect(await json(me)).toEqual({ user: { name: 'admin', role: 'admin' } });
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const { app } = createTestApp(admin);
    const res = await app.request(
      'https://bangui.example/api/auth/login',
      jsonInit(
        'POST',
        { username: 'admin', password: PASSWORD },
        { origin: 'https://bangui.example' },
      ),
      peer('192.0.2.1'),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('gives the same 401 for a wrong password and an unknown user', async () => {
    const { app } = createTestApp(admin);
    const wrongPassword = await loginAs(app, 'admin', 'nope');
    const unknownUser = await loginAs(app, 'root', PASSWORD);
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    const expected = {
      error: { code: 'invalid-credentials', message: 'Invalid username or password.' },
    };
    expect(await json(wrongPassword)).toEqual(expected);
    expect(await json(unknownUser)).toEqual(expected);
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
  });

  it('rejects a malformed login body with 400', async () => {
    const { app } = createTestApp(admin);
    const res = await app.request(
      '/api/auth/login',
      jsonInit('POST', { username: 'admin' }),
      peer('192.0.2.1'),
    );
    expect(res.status).toBe(400);
    expect((await json(res)).error.message).toContain('password');
  });
});

describe('sessions', () => {
  it('answers 401 unauthenticated without a cookie or with a forged one', async () => {
    const { app } = createTestApp(admin);
    const variants: Record<string, string>[] = [
      {},
      { cookie: 'bangui_session=abc.def' },
      { cookie: 'other=1' },
    ];
    for (const headers of variants) {
      const res = await app.request('/api/jails', { headers });
      expect(res.status).toBe(401);
      expect((await json(res)).error.code).toBe('unauthenticated');
    }
  });

  it('finds the session cookie among other cookies', async () => {
    const { app } = createTestApp(admin);
    const cookie = await login(app);
    const res = await app.request('/api/auth/me', {
      headers: { cookie: `theme=dark; ${cookie}; lang=en` },
    });
    expect(res.status).toBe(200);
  });

  it('expires after 30 minutes of inactivity', async () => {
    const { app, clock } = createTestApp(admin);
    const cookie = await login(app);
    clock.advance(20 * 60_000);
    expect((await app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
    // Activity slides the window (touches are written at most every 5 minutes).
    clock.advance(20 * 60_000);
    expect((await app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
    clock.advance(31 * 60_000);
    const res = await app.request('/api/auth/me', { headers: { cookie } });
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('unauthenticated');
  });

  it('logout revokes the session and clears the cookie', async () => {
    const { app } = createTestApp(admin);
    const cookie = await login(app);
    const res = await app.request('/api/auth/logout', jsonInit('POST', {}, { cookie }));
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^bangui_session=;.*Max-Age=0/);
    expect((await app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('login rate limits', () => {
  it('limits attempts per client address (10 / 15 min) with Retry-After', async () => {
    const { app, clock } = createTestApp(admin);
    // Different usernames, so only the per-address limit can trigger.
    for (let i = 0; i < 10; i++) {
      expect((await loginAs(app, `user${i}`, 'x', '198.51.100.9')).status).toBe(401);
    }
    const limited = await loginAs(app, 'admin', PASSWORD, '198.51.100.9');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const body = await json(limited);
    expect(body.error.code).toBe('rate-limited');
    expect(body.error.message).toContain(`${retryAfter} seconds`);

    // Another address is unaffected; the limited one recovers after Retry-After.
    expect((await loginAs(app, 'admin', PASSWORD, '198.51.100.10')).status).toBe(200);
    clock.advance(retryAfter * 1000);
    expect((await loginAs(app, 'admin', PASSWORD, '198.51.100.9')).status).toBe(200);
  });

  it('limits attempts per username (5 / 15 min) across addresses', async () => {
    const { app } = createTestApp(admin);
    for (let i = 0; i < 5; i++) {
      expect((await loginAs(app, 'admin', 'wrong', `203.0.113.${i + 1}`)).status).toBe(401);
    }
    const limited = await loginAs(app, 'admin', PASSWORD, '203.0.113.77');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same address may still try another name: the limit is the username's.
    expect((await loginAs(app, 'someone', 'x', '203.0.113.77')).status).toBe(401);
  });

  it('does not count successful logins towards either limit', async () => {
    const { app } = createTestApp(admin);
    for (let i = 0; i < 15; i++) {
      expect((await loginAs(app, 'admin', PASSWORD, '198.51.100.11')).status).toBe(200);
    }
  });

  it('keeps an address the owner signed in from usable when others exhaust the name limit', async () => {
    const { app } = createTestApp(admin);
    expect((await loginAs(app, 'admin', PASSWORD, '192.0.2.44')).status).toBe(200);
    // An attacker elsewhere burns the per-name budget.
    for (let i = 0; i < 5; i++) {
      expect((await loginAs(app, 'admin', 'wrong', `203.0.113.${i + 1}`)).status).toBe(401);
    }
    expect((await loginAs(app, 'admin', PASSWORD, '203.0.113.99')).status).toBe(429);
    // The owner's known address still gets in, and still has its own address limit.
    expect((await loginAs(app, 'admin', PASSWORD, '192.0.2.44')).status).toBe(200);
    for (let i = 0; i < 10; i++) {
      expect((await loginAs(app, 'admin', 'wrong', '192.0.2.44')).status).toBe(401);
    }
    expect((await loginAs(app, 'admin', PASSWORD, '192.0.2.44')).status).toBe(429);
  });

  it('ignores X-Forwarded-For from an untrusted peer', async () => {
    const { app } = createTestApp(admin);
    for (let i = 0; i < 10; i++) {
      await app.request(
        '/api/auth/login',
        jsonInit(
          'POST',
          { username: `u${i}`, password: 'x' },
          { 'x-forwarded-for': `10.9.0.${i}` },
        ),
        peer('198.51.100.50'),
      );
    }
    expect((await loginAs(app, 'admin', PASSWORD, '198.51.100.50')).status).toBe(429);
  });

  it('uses X-Forwarded-For when the peer is a trusted proxy', async () => {
    const { app } = createTestApp(admin, { trustProxy: ['10.0.0.0/8'] });
    const viaProxy = (client: string, username: string, password: string) =>
      app.request(
        '/api/auth/login',
        jsonInit('POST', { username, password }, { 'x-forwarded-for': `6.6.6.6, ${client}` }),
        peer('::ffff:10.0.0.2'),
      );
    for (let i = 0; i < 10; i++)
      expect((await viaProxy('192.0.2.200', `u${i}`, 'x')).status).toBe(401);
    expect((await viaProxy('192.0.2.200', 'admin', PASSWORD)).status).toBe(429);
    // Another client behind the same proxy has its own budget.
    expect((await viaProxy('192.0.2.201', 'admin', PASSWORD)).status).toBe(200);
  });
});
