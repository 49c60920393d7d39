import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type AdapterSet,
  createSessionManager,
  type RateLimitPolicy,
  type SessionRecord,
} from '@bangui/core';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'example_session';

export interface AppOptions {
  adapters: AdapterSet;
  /** the single demo user */
  user: { name: string; password: string };
  /** policy for GET /api/quote, per client address (default 10 per minute) */
  quotePolicy?: RateLimitPolicy;
  /** how a request's client is identified for rate limiting (default: the socket's address) */
  clientKey?: (c: Context) => string;
}

type Env = { Variables: { session: SessionRecord } };

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Constant-time comparison (hashing first makes the lengths equal). */
const sameSecret = (given: string, expected: string): boolean =>
  timingSafeEqual(sha256(given), sha256(expected));

export function createApp(options: AppOptions): Hono<Env> {
  const { adapters, user } = options;
  const sessions = createSessionManager({ store: adapters.sessions });
  const quotePolicy = options.quotePolicy ?? { limit: 10, windowMs: 60_000 };
  const clientKey =
    options.clientKey ?? ((c: Context) => getConnInfo(c).remote.address ?? 'unknown');
  const app = new Hono<Env>();

  app.post('/login', async (c) => {
    const body: { username?: unknown; password?: unknown } = await c.req.json().catch(() => ({}));
    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    // Both compared every time, so the response time does not tell which one was wrong.
    const nameOk = sameSecret(username, user.name);
    const passwordOk = sameSecret(password, user.password);
    if (!nameOk || !passwordOk) return c.json({ error: 'invalid username or password' }, 401);
    const { token, session } = await sessions.create(user.name);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return c.json({ user: session.userId, expiresAt: session.expiresAt });
  });

  app.use('/me', requireSession);
  app.use('/logout', requireSession);

  app.get('/me', (c) => c.json({ user: c.var.session.userId }));

  app.post('/logout', async (c) => {
    await sessions.revoke(getCookie(c, SESSION_COOKIE) ?? '');
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/api/quote', async (c) => {
    const decision = await adapters.rateLimiter.consume(`quote:${clientKey(c)}`, quotePolicy);
    c.header('RateLimit-Limit', String(quotePolicy.limit));
    c.header('RateLimit-Remaining', String(decision.remaining));
    if (!decision.allowed) {
      c.header('Retry-After', String(Math.ceil(decision.retryAfterMs / 1000)));
      return c.json({ error: 'too many requests', retryAfterMs: decision.retryAfterMs }, 429);
    }
    return c.json({ quote: 'Premature optimization is the root of all evil.' });
  });

  return app;

  async function requireSession(c: Context<Env>, next: () => Promise<void>) {
    const session = await sessions.validate(getCookie(c, SESSION_COOKIE) ?? '');
    if (!session) return c.json({ error: 'not signed in' }, 401);
    c.set('session', session);
    await next();
  }
}
