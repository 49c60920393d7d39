import { createMemoryEventStore, createMemoryRuntimeState } from '@bangui/adapters-memory';
import { createManualClock } from '@bangui/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/http/describe-error.ts';
import { bearerMatches } from '../../src/ingest/bearer-secret.ts';
import { pushRoutes } from '../../src/ingest/push-routes.ts';
import { banEvents } from './helpers.ts';

const SECRET = 'push-secret-0123456789abcdef';
const T = Math.floor(Date.UTC(2026, 0, 1, 12) / 1000);

function setup() {
  const clock = createManualClock(T * 1000 + 60_000);
  const eventStore = createMemoryEventStore({ clock });
  // Mounted the way the composition root mounts it, with the app's error mapping.
  const app = new Hono().route(
    '/api/ingest/fail2ban',
    pushRoutes({
      secret: SECRET,
      eventStore,
      runtimeState: createMemoryRuntimeState({ clock }),
      jails: async () => ['sshd'],
      clock,
    }),
  );
  app.onError((err, c) => {
    const d = describeError(err);
    for (const [name, value] of Object.entries(d.headers ?? {})) c.header(name, value);
    return c.json({ error: { code: d.code, message: d.message } }, d.status);
  });
  const post = (body: unknown, auth: string | null = `Bearer ${SECRET}`) =>
    app.request('/api/ingest/fail2ban', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { clock, eventStore, post, app };
}

const ban = {
  action: 'ban',
  jail: 'sshd',
  ip: '192.0.2.7',
  timeofban: T,
  bantime: 600,
  failures: 3,
};

describe('push route', () => {
  it('401 without the secret, with a wrong one, or with another scheme; nothing recorded', async () => {
    const { eventStore, post } = setup();
    for (const auth of [null, 'Bearer wrong-secret-0123456789ab', `Basic ${SECRET}`, 'Bearer ']) {
      const res = await post(ban, auth);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
    expect(await banEvents(eventStore)).toEqual([]);
  });

  it('records a pushed ban once, with its failures, as source push', async () => {
    const { eventStore, post } = setup();
    expect(await (await post(ban)).json()).toEqual({ recorded: true });
    expect(await (await post({ ...ban, timeofban: T + 0.25 })).json()).toEqual({ recorded: false });
    const events = await banEvents(eventStore);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      jail: 'sshd',
      id: '192.0.2.7',
      bannedAt: T * 1000,
      endsAt: (T + 600) * 1000,
      failures: 3,
      source: 'push',
    });
  });

  it('an unban before the end is lifted-by-fail2ban; after the end it is expired', async () => {
    const { clock, eventStore, post } = setup();
    await post(ban);
    expect((await post({ ...ban, action: 'unban' })).status).toBe(200);
    const other = { ...ban, ip: '192.0.2.8', bantime: 30 };
    await post({ ...other, action: 'unban' });
    const ended = (await banEvents(eventStore)).filter((e) => e.type === 'BanEnded');
    expect(ended.map((e) => e.data)).toEqual([
      expect.objectContaining({
        id: '192.0.2.7',
        reason: 'lifted-by-fail2ban',
        endedAt: clock.now(),
      }),
      expect.objectContaining({ id: '192.0.2.8', reason: 'expired', endedAt: (T + 30) * 1000 }),
    ]);
  });

  it('rejects malformed and invalid bodies with 400', async () => {
    const { eventStore, post } = setup();
    const bad = [
      '{not json',
      { ...ban, action: 'maybe' },
      { ...ban, jail: '' },
      { ...ban, timeofban: 'yesterday' },
      { ...ban, bantime: -2 },
      { ...ban, bantime: 1.5 },
      { action: 'ban', jail: 'sshd' },
    ];
    for (const body of bad) expect((await post(body)).status).toBe(400);
    expect(await banEvents(eventStore)).toEqual([]);
  });

  it('refuses unknown jails, control characters, absurd times and non-JSON bodies, clearly', async () => {
    const { clock, eventStore, post, app } = setup();
    const refusals: Array<[unknown, number, string]> = [
      [{ ...ban, jail: 'nope' }, 422, 'no jail "nope"'],
      [{ ...ban, ip: '192.0.2.7\u0007' }, 400, 'control characters'],
      [{ ...ban, ip: 'x\ny' }, 400, 'control characters'],
      [{ ...ban, timeofban: 1 }, 400, 'timeofban'],
      [{ ...ban, timeofban: clock.now() / 1000 + 2 * 86_400 }, 400, 'timeofban'],
    ];
    for (const [body, status, message] of refusals) {
      const res = await post(body);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        message,
      );
    }
    const plain = await app.request('/api/ingest/fail2ban', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${SECRET}` },
      body: JSON.stringify(ban),
    });
    expect(plain.status).toBe(415);
    expect(await banEvents(eventStore)).toEqual([]);
  });

  it('the header must be exactly the scheme, one space and the secret', async () => {
    const { post } = setup();
    expect((await post(ban, `Bearer  ${SECRET}`)).status).toBe(401);
    expect((await post(ban, `Bearer\t${SECRET}`)).status).toBe(401);
  });

  it('refuses to be built with a short secret', () => {
    const eventStore = createMemoryEventStore();
    const base = { eventStore, runtimeState: createMemoryRuntimeState(), jails: async () => [] };
    expect(() => pushRoutes({ ...base, secret: 'short' })).toThrow(RangeError);
  });
});

describe('bearerMatches', () => {
  it('accepts exactly the secret', () => {
    expect(bearerMatches(`Bearer ${SECRET}`, SECRET)).toBe(true);
    expect(bearerMatches(`bearer ${SECRET}`, SECRET)).toBe(true);
    expect(bearerMatches(`Bearer ${SECRET}x`, SECRET)).toBe(false);
    expect(bearerMatches(`Bearer ${SECRET.slice(1)}`, SECRET)).toBe(false);
    expect(bearerMatches(undefined, SECRET)).toBe(false);
    // HTTP strips a header's trailing whitespace before it gets here; the compare is exact anyway.
    expect(bearerMatches(`Bearer ${SECRET} `, SECRET)).toBe(false);
    expect(bearerMatches(`Bearer ${SECRET}\t`, SECRET)).toBe(false);
  });
});
