import type { SessionManager } from '@bangui/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';
import { readSessionCookie } from './session-cookie.ts';

/** Rejects /api requests without a live session, except the listed public paths. */
export function requireSession(
  sessions: SessionManager,
  publicPaths: ReadonlySet<string>,
): MiddlewareHandler<AppEnv> {
  return async function requireSession(c, next) {
    if (publicPaths.has(c.req.path)) return next();
    const token = readSessionCookie(c.req.header('cookie'));
    const session = token === undefined ? undefined : await sessions.validate(token);
    if (!session) {
      throw new HttpError(401, 'unauthenticated', 'Sign in to use the API.');
    }
    c.set('session', session);
    return next();
  };
}
