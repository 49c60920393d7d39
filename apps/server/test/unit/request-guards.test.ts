import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import {
  createTestAdmin,
  createTestApp,
  json,
  jsonInit,
  login,
  ORIGIN,
} from '../helpers/test-app.ts';

let admin: AdminAccount;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
});
afterAll(() => cleanup());

const banBody = { ids: ['192.0.2.4'] };

describe('CSRF protection on mutating routes', () => {
  it('refuses a foreign Origin with 403 and does not act', async () => {
    const { app, fake } = createTestApp(admin);
    const cookie = await login(app);
    const res = await app.request(
      '/api/jails/sshd/bans',
      jsonInit('POST', banBody, { cookie, origin: 'https://evil.example' }),
    );
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('cross-origin');
    expect(fake.calls.ban).toBeUndefined();
  });

  it('refuses a non-JSON content type with 415 (form posts cannot forge JSON)', async () => {
    const { app, fake } = createTestApp(admin);
    const cookie = await login(app);
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', undefined]) {
      const headers: Record<string, string> = { cookie, origin: ORIGIN };
      if (type) headers['content-type'] = type;
      const res = await app.request('/api/jails/sshd/bans', {
        method: 'POST',
        headers,
        body: JSON.stringify(banBody),
      });
      expect(res.status).toBe(415);
    }
    expect(fake.calls.ban).toBeUndefined();
  });

  it('accepts JSON with a charset parameter', async () => {
    const { app } = createTestApp(admin);
    const cookie = await login(app);
    const res = await app.request(
      '/api/jails/sshd/bans',
      jsonInit('POST', banBody, { cookie, 'content-type': 'application/json; charset=utf-8' }),
    );
    expect(res.status).toBe(200);
  });

  it('without Origin, requires Sec-Fetch-Site to be absent or same-origin', async () => {
    const { app } = createTestApp(admin);
    const cookie = await login(app);
    const send = (extra: Record<string, string>) =>
      app.request('/api/jails/sshd/bans', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, ...extra },
        body: JSON.stringify(banBody),
      });
    expect((await send({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await send({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await send({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await send({})).status).toBe(200);
  });

  it('protects the login route too (login CSRF)', async () => {
    const { app } = createTestApp(admin);
    const res = await app.request(
      '/api/auth/login',
      jsonInit('POST', { username: 'admin', password: 'x' }, { origin: 'https://evil.example' }),
    );
    expect(res.status).toBe(403);
  });
});

describe('request bodies', () => {
  it('answers 400 malformed-json for invalid JSON', async () => {
    const { app } = createTestApp(admin);
    const cookie = await login(app);
    const res = await app.request(
      '/api/jails/sshd/bans',
      jsonInit('POST', '{"ids": [', { cookie }),
    );
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('malformed-json');
  });

  it('answers 413 for a body over 1 MiB, with or without Content-Length', async () => {
    const { app, fake } = createTestApp(admin);
    const cookie = await login(app);
    const huge = JSON.stringify({ ids: ['192.0.2.1'], pad: 'x'.repeat(1024 * 1024) });
    const withLength = await app.request(
      '/api/jails/sshd/bans',
      jsonInit('POST', huge, { cookie, 'content-length': String(huge.length) }),
    );
    expect(withLength.status).toBe(413);
    expect((await json(withLength)).error.code).toBe('payload-too-large');
    const bytes = new TextEncoder().encode(huge);
    const streamed = await app.request('/api/jails/sshd/bans', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, cookie },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(fake.calls.ban).toBeUndefined();
  });
});

describe('security headers', () => {
  it.each(['/livez', '/api/jails', '/', '/api/nope'])('are set on %s', async (path) => {
    const { app } = createTestApp(admin);
    const res = await app.request(path);
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('not found', () => {
  it('answers unknown /api routes with 404 JSON once signed in', async () => {
    const { app } = createTestApp(admin);
    const cookie = await login(app);
    const res = await app.request('/api/nope', { headers: { cookie } });
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('not-found');
  });
});
