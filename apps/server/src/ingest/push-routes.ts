import { type Clock, type EventStore, type RuntimeState, systemClock } from '@bangui/core';
import { type Context, Hono } from 'hono';
import { CONTROL_CHARACTERS } from '../http/control-characters.ts';
import { HttpError } from '../http/http-error.ts';
import { readJsonBody } from '../http/validate.ts';
import { banObserved } from './ban-observation.ts';
import { bearerMatches } from './bearer-secret.ts';
import { createJailCheck } from './jail-check.ts';
import { createLiftMarks } from './lift-marks.ts';
import { type PushPayload, PushPayloadSchema } from './push-payload.ts';
import { createBanRecorder } from './record-ban.ts';

export interface PushRoutesOptions {
  /** the shared secret (BANGUI_PUSH_SECRET or the content of BANGUI_PUSH_SECRET_FILE) */
  secret: string;
  eventStore: EventStore;
  /** shared state where the unban route marks bans it is lifting (see lift-marks.ts) */
  runtimeState: RuntimeState;
  /** fail2ban's jail names (`status`); a push naming another jail is refused */
  jails: () => Promise<readonly string[]>;
  clock?: Clock;
}

const YEAR_MS = 365.25 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/**
 * `POST /` of the sub-app the composition root mounts at /api/ingest/fail2ban:
 * fail2ban's bangui-push action reports each ban and unban as it happens.
 * Authenticated by the shared secret instead of a session (fail2ban has no
 * browser, hence no cookie or Origin); 401 without it.
 *
 * An unban reported by fail2ban is recorded as ended 'lifted-by-fail2ban' when
 * the ban's end is still ahead, else 'expired'; while the unban route has the
 * ban marked as being lifted through BanGUI (fail2ban runs this action inside
 * the route's `unbanip`), it is 'lifted-through-bangui' with the route's actor.
 */
export function pushRoutes(options: PushRoutesOptions): Hono {
  if (options.secret.length < 16) {
    throw new RangeError('the push secret must be at least 16 characters');
  }
  const clock = options.clock ?? systemClock;
  const recorder = createBanRecorder({
    eventStore: options.eventStore,
    clock,
    liftMarks: createLiftMarks(options.runtimeState),
  });
  const checkJail = createJailCheck({ list: options.jails, clock });
  const app = new Hono();
  app.post('/', async (c) => {
    if (!bearerMatches(c.req.header('authorization'), options.secret)) {
      throw new HttpError(401, 'unauthenticated', 'A valid push secret is required.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="bangui-push"' },
      });
    }
    requireJson(c);
    const body = await readJsonBody(c, PushPayloadSchema);
    checkPayload(body, clock.now());
    await requireKnownJail(body.jail, checkJail);
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
    const observed = await recorder.observed(data);
    if (body.action === 'ban') return c.json({ recorded: observed === 'recorded' });
    const now = clock.now();
    const expired = data.endsAt !== null && data.endsAt <= now;
    const ended = await recorder.ended({
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

/** The action sends `Content-Type: application/json`; anything else is not a push. */
function requireJson(c: Context): void {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, 'unsupported-media-type', 'A push must be sent as application/json.');
  }
}

function checkPayload(body: PushPayload, now: number): void {
  if (CONTROL_CHARACTERS.test(body.ip)) {
    throw new HttpError(
      400,
      'invalid-request',
      'Invalid request body: ip: holds control characters.',
    );
  }
  const at = body.timeofban * 1000;
  if (at < now - 10 * YEAR_MS || at > now + DAY_MS) {
    throw new HttpError(
      400,
      'invalid-request',
      'Invalid request body: timeofban: must be a Unix time from 10 years ago to 1 day ahead.',
    );
  }
}

async function requireKnownJail(
  jail: string,
  check: (jail: string) => Promise<'known' | 'unknown' | 'unverifiable'>,
): Promise<void> {
  const outcome = await check(jail);
  if (outcome === 'unknown') {
    throw new HttpError(422, 'unknown-jail', `fail2ban has no jail ${JSON.stringify(jail)}.`);
  }
  if (outcome === 'unverifiable') {
    // Nothing is lost: the poll and the backfill record the ban from fail2ban itself.
    throw new HttpError(
      503,
      'fail2ban-unavailable',
      `Cannot check the jail ${JSON.stringify(jail)} now: fail2ban did not answer in time.`,
    );
  }
}
