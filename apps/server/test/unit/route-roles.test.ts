import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import { type Role, roleAtLeast } from '../../src/auth/roles.ts';
import { defaultRole, findPolicy, ROUTE_POLICIES } from '../../src/auth/route-policy.ts';
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

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Public or authenticated by other means, before the session and role checks.
const NOT_ROLE_CHECKED = new Set(['POST /api/auth/login', 'POST /api/ingest/fail2ban']);

function apiRoutes(app: ReturnType<typeof createTestApp>['app']) {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.path.startsWith('/api/') && !r.path.includes('*'))
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (r.method === 'ALL' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

const concrete = (path: string) =>
  path.replace(':jail', 'sshd').replace(':name', 'nobody').replace(':id', 'A'.repeat(24));

describe('the role matrix, over every mutating API route the app has', () => {
  it('lists every mutating route in the policy table (nothing is admin-only by accident)', () => {
    const { app } = createTestApp(admin);
    const unlisted = apiRoutes(app)
      .filter((r) => MUTATING.has(r.method) && !NOT_ROLE_CHECKED.has(`${r.method} ${r.path}`))
      .filter((r) => !findPolicy(ROUTE_POLICIES, r.method, r.path));
    expect(unlisted).toEqual([]);
  });

  it('refuses viewers everything but their own account, operators the admin routes, admins nothing', async () => {
    const t = createTestApp(admin);
    const adminCookie = await login(t.app);
    await createUser(t.app, adminCookie, 'vera', 'viewer');
    await createUser(t.app, adminCookie, 'otto', 'operator');
    const names: Record<Role, string> = { viewer: 'vera', operator: 'otto', admin: 'admin' };
    const routes = apiRoutes(t.app).filter(
      (r) => MUTATING.has(r.method) && !NOT_ROLE_CHECKED.has(`${r.method} ${r.path}`),
    );
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const outcomes: string[] = [];
    for (const route of routes) {
      const needed =
        findPolicy(ROUTE_POLICIES, route.method, route.path)?.role ?? defaultRole(route.method);
      for (const role of ['viewer', 'operator', 'admin'] as const) {
        // A fresh session each time: some routes (logout, revoke-all) end the one they ran in.
        const password = role === 'admin' ? 'correct horse battery staple' : USER_PASSWORD;
        const cookie = await loginUser(t.app, names[role], password);
        const res = await t.app.request(
          concrete(route.path),
          jsonInit(route.method, {}, { cookie }),
        );
        const code = res.status === 403 ? (await json(res)).error.code : null;
        const allowed = needed === 'signed-in' || roleAtLeast(role, needed);
        outcomes.push(
          `${route.method} ${route.path} ${role}: ${allowed ? 'allowed' : 'forbidden'}`,
        );
        if (allowed) {
          expect([401, 403], `${route.method} ${route.path} as ${role}`).not.toContain(res.status);
        } else {
          expect(code, `${route.method} ${route.path} as ${role}`).toBe('forbidden');
        }
      }
    }
    // The matrix the issue asks for, spelled out for the routes it names.
    expect(outcomes).toEqual(
      expect.arrayContaining([
        'POST /api/jails/:jail/bans viewer: forbidden',
        'POST /api/jails/:jail/bans operator: allowed',
        'POST /api/jails/:jail/unban operator: allowed',
        'POST /api/admin/rebuild operator: forbidden',
        'POST /api/admin/rebuild admin: allowed',
        'POST /api/users operator: forbidden',
        'PATCH /api/users/:name operator: forbidden',
        'POST /api/users admin: allowed',
        'POST /api/jails/:jail/ignoreip viewer: forbidden',
        'POST /api/jails/:jail/ignoreip operator: allowed',
        'PATCH /api/jails/:jail/settings operator: forbidden',
        'PATCH /api/jails/:jail/settings admin: allowed',
        'POST /api/jails/:jail/stop operator: forbidden',
        'POST /api/jails/:jail/reload operator: forbidden',
        'POST /api/jails/:jail/start admin: allowed',
      ]),
    );
    expect(t.fake.calls.ban).toBeUndefined();
  });

  it('lets viewers read (GET) and keeps user management and the audit log for admins', async () => {
    const t = createTestApp(admin);
    await createUser(t.app, await login(t.app), 'vera', 'viewer');
    const cookie = await loginUser(t.app, 'vera', USER_PASSWORD);
    expect((await t.app.request('/api/jails', { headers: { cookie } })).status).toBe(200);
    expect((await t.app.request('/api/history', { headers: { cookie } })).status).toBe(200);
    expect((await t.app.request('/api/users', { headers: { cookie } })).status).toBe(403);
    expect((await t.app.request('/api/audit', { headers: { cookie } })).status).toBe(403);
  });
});

describe('security headers on every route', () => {
  it('sends the CSP with frame-ancestors none, nosniff and no-referrer on every API route', async () => {
    const t = createTestApp(admin, { shutdown: AbortSignal.abort() });
    const cookie = await login(t.app);
    const routes = [...apiRoutes(t.app), { method: 'GET', path: '/api/no-such-route' }];
    for (const route of routes) {
      for (const headers of [{ cookie }, {}] as Record<string, string>[]) {
        const res = await t.app.request(
          concrete(route.path),
          jsonInit(
            route.method === 'GET' ? 'GET' : route.method,
            route.method === 'GET' ? undefined : {},
            headers,
          ),
        );
        await res.body?.cancel();
        const where = `${route.method} ${route.path} ${'cookie' in headers ? 'signed in' : 'anonymous'}`;
        expect(res.headers.get('content-security-policy'), where).toContain(
          "frame-ancestors 'none'",
        );
        expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
        expect(res.headers.get('referrer-policy'), where).toBe('no-referrer');
      }
    }
  });
});
