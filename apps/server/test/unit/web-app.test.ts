import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import { createTestAdmin, createTestApp } from '../helpers/test-app.ts';

let admin: AdminAccount;
let cleanup: () => Promise<void>;
let webDir: string;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
  webDir = await mkdtemp(join(tmpdir(), 'bangui-web-'));
  await mkdir(join(webDir, 'assets'));
  await writeFile(join(webDir, 'index.html'), '<!doctype html><title>shell</title>');
  await writeFile(join(webDir, 'assets', 'app.js'), 'console.log(1)');
});
afterAll(async () => {
  await cleanup();
  await rm(webDir, { recursive: true, force: true });
});

describe('web app', () => {
  it('serves files and falls back to index.html for client routes', async () => {
    const { app } = createTestApp(admin, { webDir });
    const js = await app.request('/assets/app.js');
    expect(js.status).toBe(200);
    expect(await js.text()).toBe('console.log(1)');
    for (const path of ['/', '/jails/web.login', '/login']) {
      const res = await app.request(path, { headers: { accept: 'text/html,*/*;q=0.8' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>shell</title>');
    }
  });

  it('answers 404 for a missing asset instead of the shell, and never serves the shell for /api', async () => {
    const { app } = createTestApp(admin, { webDir });
    expect((await app.request('/assets/missing.js', { headers: { accept: '*/*' } })).status).toBe(
      404,
    );
    const api = await app.request('/api/unknown', { headers: { accept: 'text/html' } });
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('explains that the web app is not built when the directory is missing', async () => {
    const { app } = createTestApp(admin, { webDir: join(webDir, 'nope') });
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('The web app is not built');
  });
});
