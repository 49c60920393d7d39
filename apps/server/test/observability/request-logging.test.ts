import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import { pickRequestId } from '../../src/logging/request-id.ts';
import { type CapturedLog, captureLog } from '../helpers/capture-log.ts';
import {
  createTestAdmin,
  createTestApp,
  jsonInit,
  PASSWORD,
  peer,
  type TestApp,
} from '../helpers/test-app.ts';

let admin: AdminAccount;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
});
afterAll(() => cleanup());

function appWithLog(): { t: TestApp; log: CapturedLog } {
  const log = captureLog('info');
  const t = createTestApp(admin, { logger: log.logger, requestLogger: log.logger.pino });
  return { t, log };
}

const requestLines = (log: CapturedLog) => log.lines().filter((line) => line.msg === 'request');

describe('structured request logs', () => {
  it('logs one JSON line per request with level, time, worker, id, method, route, status and duration', async () => {
    const { t, log } = appWithLog();
    const res = await t.app.request('/api/jails/sshd', {}, peer('192.0.2.1'));
    expect(res.status).toBe(401);
    const [line] = requestLines(log);
    expect(line).toMatchObject({
      level: 'info',
      worker: 0,
      method: 'GET',
      route: '/api/jails/:jail',
      path: '/api/jails/sshd',
      status: 401,
      reqId: res.headers.get('x-request-id'),
    });
    expect(typeof line?.durationMs).toBe('number');
    expect(Number.isNaN(Date.parse(String(line?.time)))).toBe(false);
  });

  it('keeps a valid incoming X-Request-Id and replaces one that is not', async () => {
    const { t, log } = appWithLog();
    const kept = await t.app.request('/livez', { headers: { 'x-request-id': 'edge-7f3a.1' } });
    expect(kept.headers.get('x-request-id')).toBe('edge-7f3a.1');
    const forged = await t.app.request('/livez', {
      headers: { 'x-request-id': 'x","level":"fatal' },
    });
    const replaced = forged.headers.get('x-request-id') ?? '';
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.text()).not.toContain('"level":"fatal');
    expect(pickRequestId('a'.repeat(129))).not.toBe('a'.repeat(129));
    expect(pickRequestId(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never writes a password, cookie or Authorization header', async () => {
    const { t, log } = appWithLog();
    const wrong = 'hunter2-wrong-password-XYZ';
    await t.app.request(
      '/api/auth/login',
      jsonInit('POST', { username: 'admin', password: wrong }),
      peer('192.0.2.7'),
    );
    const ok = await t.app.request(
      '/api/auth/login',
      jsonInit('POST', { username: 'admin', password: PASSWORD }),
      peer('192.0.2.7'),
    );
    expect(ok.status).toBe(200);
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const secret = cookie.split('=')[1] ?? '';
    expect(secret.length).toBeGreaterThan(10);
    await t.app.request(
      '/api/auth/me',
      { headers: { cookie, authorization: 'Bearer super-secret-token-123456' } },
      peer('192.0.2.7'),
    );
    expect(requestLines(log).map((line) => line.route)).toEqual([
      '/api/auth/login',
      '/api/auth/login',
      '/api/auth/me',
    ]);
    const text = log.text();
    expect(text).not.toContain(wrong);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('super-secret-token-123456');
  });

  it('tags an error logged while handling a request with that request id', async () => {
    const { t, log } = appWithLog();
    const cookie = await login(t);
    t.fake.failWith(new TypeError('boom'));
    const res = await t.app.request(
      '/api/jails',
      { headers: { cookie, 'x-request-id': 'trace-42' } },
      peer('192.0.2.1'),
    );
    expect(res.status).toBe(500);
    const failure = log.lines().find((line) => line.level === 'error');
    expect(failure).toMatchObject({ reqId: 'trace-42', msg: 'GET /api/jails failed' });
  });
});

async function login(t: TestApp): Promise<string> {
  const res = await t.app.request(
    '/api/auth/login',
    jsonInit('POST', { username: 'admin', password: PASSWORD }),
    peer('192.0.2.1'),
  );
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
