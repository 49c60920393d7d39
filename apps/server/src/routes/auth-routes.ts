import type { Cache, RateLimiter, RateLimitPolicy, SessionManager } from '@bangui/core';
import { type Context, Hono } from 'hono';
import type { AuditRecorder } from '../audit/record-action.ts';
import type { AuthFailureLog } from '../auth/auth-failure-log.ts';
import { clearedSessionCookie, readSessionCookie, sessionCookie } from '../auth/session-cookie.ts';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';
import { loginBodySchema } from '../http/schemas.ts';
import { readJsonBody } from '../http/validate.ts';
import type { ProxyTrust } from '../net/proxy-trust.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import { normalizeUsername } from '../users/username.ts';

export interface LoginLimits {
  perAddress: RateLimitPolicy;
  perUsername: RateLimitPolicy;
}

export interface AuthRoutesDeps {
  users: UserDirectory;
  /** one line per failed login, for a fail2ban jail watching BanGUI itself */
  failureLog: AuthFailureLog;
  sessions: SessionManager;
  rateLimiter: RateLimiter;
  /** remembers addresses a user signed in from (see the lockout note below) */
  cache: Cache;
  proxy: ProxyTrust;
  limits: LoginLimits;
  sessionMaxAgeSeconds: number;
  audit: AuditRecorder;
}

const KNOWN_ADDRESS_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function authRoutes(deps: AuthRoutesDeps): Hono<AppEnv> {
  const { users, sessions, rateLimiter, cache, proxy, limits, audit, failureLog } = deps;

  /**
   * Every attempt is audited with the name tried; the actor only when that user
   * exists (an audit-only lookup: the answer to the client never depends on it).
   */
  const attempt = async (username: string) => ({
    actor: (await users.get(normalizeUsername(username))) ? normalizeUsername(username) : null,
    username,
  });
  const refuse = async (c: Context, username: string, retryAfterMs: number): Promise<never> => {
    failureLog(username, proxy.clientAddress(c));
    await audit.record(c, 'LoginFailed', {
      ...(await attempt(username)),
      outcome: 'refused',
      reason: 'rate-limited',
    });
    return tooMany(retryAfterMs);
  };
  const tooMany = (retryAfterMs: number): never => {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    throw new HttpError(
      429,
      'rate-limited',
      `Too many login attempts. Try again in ${seconds} seconds.`,
      { details: { retryAfterSeconds: seconds }, headers: { 'Retry-After': String(seconds) } },
    );
  };

  return new Hono<AppEnv>()
    .post('/login', async (c) => {
      const { username, password } = await readJsonBody(c, loginBodySchema);
      // Both limits are consumed before the password is checked, so parallel
      // guesses cannot slip past them; the per-name limit stops a spread-out
      // attack on the one account from many addresses.
      const address = proxy.clientAddress(c);
      const addressKey = `login:address:${address}`;
      const addressDecision = await rateLimiter.consume(addressKey, limits.perAddress);
      if (!addressDecision.allowed) await refuse(c, username, addressDecision.retryAfterMs);
      const name = username.toLowerCase();
      const userKey = `login:username:${name}`;
      const knownKey = `login:known:${name}:${address}`;
      const userDecision = await rateLimiter.consume(userKey, limits.perUsername);
      // Why the exception: anyone can exhaust the per-name limit with a few
      // wrong guesses and so lock the owner out indefinitely. An address the
      // user signed in from before is still bound by its own per-address limit.
      if (!userDecision.allowed && (await cache.get(knownKey)) !== true) {
        await refuse(c, username, userDecision.retryAfterMs);
      }
      const user = await users.authenticate(name, password);
      if (!user) {
        failureLog(username, address);
        await audit.record(c, 'LoginFailed', {
          ...(await attempt(username)),
          outcome: 'failed',
          reason: 'invalid-credentials',
        });
        throw new HttpError(401, 'invalid-credentials', 'Invalid username or password.');
      }
      // A successful login proves the password: earlier typos from here, or
      // against this name, must not count towards a lockout.
      await Promise.all([rateLimiter.reset(userKey), rateLimiter.reset(addressKey)]);
      await cache.set(knownKey, true, KNOWN_ADDRESS_TTL_MS);
      // Always a new session id (never one the client brought along): a planted
      // cookie cannot become a signed-in session. The role rides in the session;
      // changing it or disabling the user revokes the user's sessions.
      const { token } = await sessions.create(user.username, { role: user.role });
      await audit.record(c, 'LoginSucceeded', {
        actor: user.username,
        username,
        outcome: 'succeeded',
      });
      c.header(
        'Set-Cookie',
        sessionCookie(token, {
          secure: proxy.isHttps(c),
          maxAgeSeconds: deps.sessionMaxAgeSeconds,
        }),
      );
      c.header('Cache-Control', 'no-store');
      return c.json({ user: { name: user.username, role: user.role } });
    })
    .post('/logout', async (c) => {
      const token = readSessionCookie(c.req.header('cookie'));
      if (token !== undefined) await sessions.revoke(token);
      await audit.record(c, 'LoggedOut', { actor: c.get('principal').name, outcome: 'succeeded' });
      c.header('Set-Cookie', clearedSessionCookie({ secure: proxy.isHttps(c) }));
      return c.body(null, 204);
    })
    .get('/me', (c) => {
      const { name, role } = c.get('principal');
      return c.json({ user: { name, role } });
    });
}
