import { type Clock, type EventStore, systemClock } from '@bangui/core';
import { Hono } from 'hono';
import { HttpError } from '../http/http-error.ts';
import { readJsonBody } from '../http/validate.ts';
import { banObserved } from './ban-observation.ts';
import { bearerMatches } from './bearer-secret.ts';
import { PushPayloadSchema } from './push-payload.ts';
import { recordBanEnded, recordBanObserved } from './record-ban.ts';

export interface PushRoutesOptions {
  /** the shared secret (BANGUI_PUSH_SECRET or the content of BANGUI_PUSH_SECRET_FILE) */
  secret: string;
  eventStore: EventStore;
  clock?: Clock;
}

/**
 * `POST /` of the sub-app the composition root mounts at /api/ingest/fail2ban:
 * fail2ban's bangui-push action reports each ban and unban as it happens.
 * Authenticated by the shared secret instead of a session (fail2ban has no
 * browser, hence no cookie or Origin); 401 without it.
 *
 * An unban reported by fail2ban is recorded as ended 'lifted-by-fail2ban' when
 * the ban's end is still ahead, else 'expired'. A lift through BanGUI was
 * recorded by the API route first, so this append finds it already ended.
 */
export function pushRoutes(options: PushRoutesOptions): Hono {
  if (options.secret.length < 16) {
    throw new RangeError('the push secret must be at least 16 characters');
  }
  const clock = options.clock ?? systemClock;
  const app = new Hono();
  app.post('/', async (c) => {
    if (!bearerMatches(c.req.header('authorization'), options.secret)) {
      throw new HttpError(401, 'unauthenticated', 'A valid push secret is required.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="bangui-push"' },
      });
    }
    const body = await readJsonBody(c, PushPayloadSchema);
    const data = banObserved(
      {
        jail: body.jail,
        id: body.ip,
        bannedAt: body.timeofban * 1000,
        bantimeSeconds: body.bantime,
        ...(body.failures !== undefined ? { failures: body.failures } : {}),
      },
      'push',
    );
    const observed = await recordBanObserved(options.eventStore, data);
    if (body.action === 'ban') return c.json({ recorded: observed === 'recorded' });
    const now = clock.now();
    const expired = data.endsAt !== null && data.endsAt <= now;
    const ended = await recordBanEnded(options.eventStore, {
      jail: data.jail,
      id: data.id,
      bannedAt: data.bannedAt,
      endedAt: expired && data.endsAt !== null ? data.endsAt : now,
      reason: expired ? 'expired' : 'lifted-by-fail2ban',
      source: 'push',
    });
    return c.json({ recorded: ended === 'recorded' });
  });
  return app;
}
