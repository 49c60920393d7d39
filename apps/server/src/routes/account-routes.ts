import type { RateLimiter, RateLimitPolicy, SessionManager } from '@bangui/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AuditRecorder } from '../audit/record-action.ts';
import { clearedSessionCookie, sessionCookie } from '../auth/session-cookie.ts';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';
import { readJsonBody, validate } from '../http/validate.ts';
import type { ProxyTrust } from '../net/proxy-trust.ts';
import { newPasswordSchema } from '../users/password-policy.ts';
import type { UserDirectory } from '../users/user-directory.ts';

export interface AccountRoutesDeps {
  users: UserDirectory;
  sessions: SessionManager;
  rateLimiter: RateLimiter;
  /** guesses at the current password, per user (a stolen session must not become a brute force) */
  passwordLimit: RateLimitPolicy;
  proxy: ProxyTrust;
  audit: AuditRecorder;
  sessionMaxAgeSeconds: number;
}

const passwordBodySchema = v.object({
  current: v.pipe(v.string('current must be a string'), v.maxLength(1024)),
  new: newPasswordSchema,
});

const sessionParamsSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a session id')),
});

/** Mounted at /api/auth: the signed-in user's own password and sessions. */
export function accountRoutes(deps: AccountRoutesDeps): Hono<AppEnv> {
  const { users, sessions, rateLimiter, proxy, audit } = deps;
  return new Hono<AppEnv>()
    .post('/password', async (c) => {
      const { name } = c.get('principal');
      const body = await readJsonBody(c, passwordBodySchema);
      const limit = await rateLimiter.consume(`password:${name}`, deps.passwordLimit);
      if (!limit.allowed) {
        const seconds = Math.max(1, Math.ceil(limit.retryAfterMs / 1000));
        throw new HttpError(
          429,
          'rate-limited',
          `Too many attempts. Try again in ${seconds} seconds.`,
          {
            headers: { 'Retry-After': String(seconds) },
          },
        );
      }
      const user = await users.get(name);
      if (!user || !(await users.checkPassword(user, body.current))) {
        await audit.record(c, 'UserChangeRequested', {
          actor: name,
          target: name,
          change: 'password',
          outcome: 'failed',
          reason: 'wrong-password',
        });
        throw new HttpError(400, 'wrong-password', 'The current password is not correct.');
      }
      if (body.new === body.current) {
        throw new HttpError(
          400,
          'same-password',
          'The new password must differ from the current one.',
        );
      }
      const passwordHash = await users.hashPassword(body.new);
      await users.change(name, () => [
        { type: 'PasswordChanged', data: { username: name, passwordHash, by: name } },
      ]);
      // Whoever else held a session of this user is out; this browser gets a
      // fresh session (a new id) instead of keeping the old one.
      const revokedSessions = await sessions.revokeAllForUser(name);
      const { token } = await sessions.create(name, { role: user.role });
      await audit.record(c, 'UserChangeRequested', {
        actor: name,
        target: name,
        change: 'password',
        outcome: 'succeeded',
        revokedSessions,
      });
      c.header(
        'Set-Cookie',
        sessionCookie(token, {
          secure: proxy.isHttps(c),
          maxAgeSeconds: deps.sessionMaxAgeSeconds,
        }),
      );
      return c.json({ changed: true, revokedSessions });
    })
    .get('/sessions', async (c) => {
      const { name, via, credentialId } = c.get('principal');
      const list = await sessions.list(name);
      return c.json({
        sessions: list.map((s) => ({
          id: s.id,
          createdAt: new Date(s.createdAt).toISOString(),
          lastSeenAt: new Date(s.lastSeenAt).toISOString(),
          expiresAt: new Date(s.expiresAt).toISOString(),
          current: via === 'session' && s.id === credentialId,
        })),
      });
    })
    .post('/sessions/revoke-all', async (c) => {
      const { name } = c.get('principal');
      const revoked = await sessions.revokeAllForUser(name);
      await audit.record(c, 'UserChangeRequested', {
        actor: name,
        target: name,
        change: 'revoke-sessions',
        outcome: 'succeeded',
        revokedSessions: revoked,
      });
      c.header('Set-Cookie', clearedSessionCookie({ secure: proxy.isHttps(c) }));
      return c.json({ revoked });
    })
    .delete('/sessions/:id', async (c) => {
      const { name, credentialId } = c.get('principal');
      const { id } = validate(sessionParamsSchema, c.req.param(), 'session id');
      // Only one's own: an id from someone else's list is "not found", not "forbidden".
      const own = (await sessions.list(name)).some((s) => s.id === id);
      if (!own || !(await sessions.revokeById(id))) {
        throw new HttpError(404, 'unknown-session', 'You have no session with that id.');
      }
      await audit.record(c, 'UserChangeRequested', {
        actor: name,
        target: name,
        change: 'revoke-session',
        outcome: 'succeeded',
        revokedSessions: 1,
      });
      if (id === credentialId) {
        c.header('Set-Cookie', clearedSessionCookie({ secure: proxy.isHttps(c) }));
      }
      return c.json({ revoked: 1 });
    });
}
