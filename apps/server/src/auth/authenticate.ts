import type { SessionManager, SessionRecord } from '@bangui/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';
import type { TokenService } from '../tokens/token-service.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import type { Principal } from './principal.ts';
import { isRole, type Role } from './roles.ts';
import { readSessionCookie } from './session-cookie.ts';

// Only `Bearer bgt_...` is ours: a reverse proxy doing HTTP basic auth in front
// of BanGUI forwards its own Authorization header, and cookies must still work.
const BEARER = /^Bearer +(bgt_\S*)$/i;

/** The API token a request presents, if any (the CSRF check leaves those requests alone). */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
}

/**
 * Rejects /api requests that are neither signed in (session cookie) nor carry a
 * valid API token, except the listed public paths, and sets `principal` (and,
 * for a session, `session`). A request presenting an API token is judged by
 * the token alone, never by a cookie that came along: otherwise a bad token
 * could ride on a browser's cookie past the CSRF check, which skips token
 * requests.
 */
export function authenticate(deps: {
  sessions: SessionManager;
  tokens: TokenService;
  users: UserDirectory;
  publicPaths: ReadonlySet<string>;
}): MiddlewareHandler<AppEnv> {
  const { sessions, tokens, users, publicPaths } = deps;

  // Sessions carry the role they were created with; a role change or disable
  // revokes them, so it cannot go stale. Sessions from before roles existed
  // look it up once per request until they end.
  const sessionRole = async (session: SessionRecord): Promise<Role | undefined> => {
    const stored = session.data?.role;
    if (isRole(stored)) return stored;
    const user = await users.get(session.userId);
    return user && !user.disabled ? user.role : undefined;
  };

  return async function authenticate(c, next) {
    if (publicPaths.has(c.req.path)) return next();
    const raw = bearerToken(c.req.header('authorization'));
    if (raw !== undefined) {
      const found = await tokens.authenticate(raw);
      if (!found) throw new HttpError(401, 'invalid-token', 'The API token is not valid.');
      const principal: Principal = {
        name: found.token.owner,
        role: found.role,
        via: 'token',
        credentialId: found.token.id,
        alive: async () => (await tokens.authenticate(raw)) !== undefined,
      };
      c.set('principal', principal);
      return next();
    }
    const cookie = readSessionCookie(c.req.header('cookie'));
    const session = cookie === undefined ? undefined : await sessions.validate(cookie);
    const role = session === undefined ? undefined : await sessionRole(session);
    if (!session || !role) throw new HttpError(401, 'unauthenticated', 'Sign in to use the API.');
    c.set('session', session);
    c.set('principal', {
      name: session.userId,
      role,
      via: 'session',
      credentialId: session.id,
      alive: async () => (await sessions.list(session.userId)).some((s) => s.id === session.id),
    });
    return next();
  };
}
