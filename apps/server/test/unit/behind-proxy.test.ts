import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import { createTestAdmin, createTestApp, jsonInit, PASSWORD, peer } from '../helpers/test-app.ts';

let admin: AdminAccount;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
});
afterAll(() => cleanup());

// A TLS-terminating proxy forwards https://bangui.example to http://127.0.0.1:8080.
const forwarded = {
  origin: 'https://bangui.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'bangui.example',
  'x-forwarded-for': '203.0.113.5',
};
const loginBehindProxy = (app: ReturnType<typeof createTestApp>['app'], proxyAddress: string) =>
  app.request(
    'http://127.0.0.1:8080/api/auth/login',
    jsonInit('POST', { username: 'admin', password: PASSWORD }, forwarded),
    peer(proxyAddress),
  );

describe('behind a reverse proxy', () => {
  it('believes X-Forwarded-Proto/Host from a trusted proxy: same-origin check passes, cookie is Secure', async () => {
    const { app } = createTestApp(admin, { trustProxy: ['127.0.0.1'] });
    const res = await loginBehindProxy(app, '127.0.0.1');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('ignores forwarded headers from anyone else', async () => {
    const { app } = createTestApp(admin, { trustProxy: ['127.0.0.1'] });
    const res = await loginBehindProxy(app, '192.0.2.99');
    expect(res.status).toBe(403);
  });
});
