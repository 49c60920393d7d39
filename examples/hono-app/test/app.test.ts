import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/app.ts';
import { type RunningExample, startExample } from '../src/start.ts';
import { type AdapterKind, NEVER, PASSWORD, testConfig } from './helpers.ts';

describe.each<AdapterKind>(['memory', 'postgres'])('example app on %s adapters', (adapter) => {
  let running: RunningExample | undefined;

  beforeEach(async () => {
    running = await startExample(await testConfig(adapter, { rateLimit: 3 }), {
      jobPattern: NEVER,
    });
  });
  afterEach(() => running?.stop());

  const url = (): string => {
    if (!running) throw new Error('not started');
    return running.url;
  };

  const login = (password: string) =>
    fetch(`${url()}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password }),
    });

  it('runs on the chosen adapter set', () => {
    expect(running?.adapters.name).toBe(adapter);
  });

  it('login sets an HttpOnly session cookie that /me accepts until logout', async () => {
    const response = await login(PASSWORD);
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+\\.`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const cookie = setCookie.split(';')[0] ?? '';

    const me = await fetch(`${url()}/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ user: 'demo' });

    const logout = await fetch(`${url()}/logout`, { method: 'POST', headers: { cookie } });
    expect(logout.status).toBe(204);
    expect((await fetch(`${url()}/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('a wrong password is 401 and sets no cookie; /me without a cookie is 401', async () => {
    const response = await login('wrong');
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${url()}/me`)).status).toBe(401);
    const forged = `${SESSION_COOKIE}=abc.def`;
    expect((await fetch(`${url()}/me`, { headers: { cookie: forged } })).status).toBe(401);
  });

  it('the rate-limited endpoint answers 429 with Retry-After once the limit is used', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await fetch(`${url()}/api/quote`);
      statuses.push(last.status);
      if (i < 3) await last.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // 3 per minute: the next unit refills 20 s after the first.
    const retryAfter = Number(last?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(last?.headers.get('ratelimit-remaining')).toBe('0');
  });
});
