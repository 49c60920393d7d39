import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import { loadConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/config-error.ts';
import { createTestAdmin, createTestApp, json, jsonInit } from '../helpers/test-app.ts';

const SECRET = 'a'.repeat(32);
let admin: AdminAccount;
let cleanup: () => Promise<void>;
let dir: string;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
  dir = await mkdtemp(join(tmpdir(), 'bangui-push-config-'));
});
afterAll(async () => {
  await cleanup();
  await rm(dir, { recursive: true, force: true });
});

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('ingestion settings', () => {
  it('defaults: push disabled, poll every 5 s, backfill every 60 s', () => {
    expect(loadConfig({})).toMatchObject({
      pushSecret: undefined,
      pollSeconds: 5,
      backfillSeconds: 60,
    });
  });

  it('reads the push secret from the variable or from a file (trailing newline dropped)', async () => {
    expect(loadConfig({ BANGUI_PUSH_SECRET: SECRET }).pushSecret).toBe(SECRET);
    const file = join(dir, 'push-secret');
    await writeFile(file, `${SECRET}\n`);
    expect(loadConfig({ BANGUI_PUSH_SECRET_FILE: file }).pushSecret).toBe(SECRET);
  });

  it('refuses both secret variables, short or spaced secrets, and bad intervals', () => {
    expect(problemsOf({ BANGUI_PUSH_SECRET: SECRET, BANGUI_PUSH_SECRET_FILE: '/x' })).toEqual([
      'BANGUI_PUSH_SECRET and BANGUI_PUSH_SECRET_FILE: set only one of them',
    ]);
    expect(problemsOf({ BANGUI_PUSH_SECRET: 'short' })[0]).toMatch(
      /^BANGUI_PUSH_SECRET: must be at least 16 characters/,
    );
    expect(problemsOf({ BANGUI_PUSH_SECRET: `${SECRET} x` })[0]).toMatch(
      /at least 16 characters of/,
    );
    expect(problemsOf({ BANGUI_PUSH_SECRET_FILE: join(dir, 'missing') })[0]).toMatch(
      /^BANGUI_PUSH_SECRET_FILE: cannot read .*missing \(ENOENT\)/,
    );
    expect(problemsOf({ BANGUI_POLL_SECONDS: '0', BANGUI_BACKFILL_SECONDS: 'often' })).toEqual([
      'BANGUI_POLL_SECONDS: must be a whole number of seconds from 1 to 86400',
      'BANGUI_BACKFILL_SECONDS: must be a whole number of seconds from 1 to 86400',
    ]);
  });
});

const PUSH = {
  action: 'ban',
  jail: 'sshd',
  ip: '198.51.100.60',
  timeofban: 1_767_225_600,
  bantime: 600,
};

describe('POST /api/ingest/fail2ban', () => {
  it('answers 404 with the fix when no secret is configured', async () => {
    const { app } = createTestApp(admin);
    const res = await app.request('/api/ingest/fail2ban', jsonInit('POST', PUSH));
    expect(res.status).toBe(404);
    expect((await json(res)).error).toEqual({
      code: 'push-disabled',
      message: expect.stringMatching(/Set BANGUI_PUSH_SECRET or BANGUI_PUSH_SECRET_FILE/),
    });
  });

  it('takes the shared secret instead of a session, and no Origin', async () => {
    const { app, settle, history } = createTestApp(admin, { pushSecret: SECRET });
    const post = (headers: Record<string, string>) =>
      app.request('/api/ingest/fail2ban', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(PUSH),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer wrong-secret-wrong-secret' })).status).toBe(401);
    const res = await post({ authorization: `Bearer ${SECRET}` });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ recorded: true });
    // The security headers apply here as everywhere.
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await settle();
    expect(history.readModels.history({ jail: 'sshd' }).items).toEqual([
      expect.objectContaining({ id: '198.51.100.60', source: 'push' }),
    ]);
  });

  it('other methods on the path still need a session', async () => {
    const { app } = createTestApp(admin, { pushSecret: SECRET });
    expect((await app.request('/api/ingest/fail2ban')).status).toBe(401);
  });
});
