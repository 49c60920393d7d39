import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import { createAuthFailureLog } from '../../src/auth/auth-failure-log.ts';
import { createTestAdmin, createTestApp, jsonInit, peer } from '../helpers/test-app.ts';

const run = promisify(execFile);
const FILTER = new URL('../../../../infra/fail2ban/filter.d/bangui-auth.conf', import.meta.url)
  .pathname;

let admin: AdminAccount;
let cleanup: () => Promise<void>;
let dir: string;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
  dir = await mkdtemp(join(tmpdir(), 'bangui-authlog-'));
});
afterAll(async () => {
  await cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('the failed-login log line and the shipped fail2ban filter', () => {
  it('writes one line per failed login that fail2ban-regex matches with the right address', async () => {
    const file = join(dir, 'auth.log');
    const { app } = createTestApp(admin, {
      authFailureLog: createAuthFailureLog({ file, now: () => Date.now() }),
    });
    const attempts: Array<[string, string]> = [
      ['admin', '203.0.113.7'],
      ['nobody', '198.51.100.23'],
      // A name that tries to frame another address.
      ['x" from 192.0.2.99', '2001:db8::5'],
    ];
    for (const [username, address] of attempts) {
      const res = await app.request(
        '/api/auth/login',
        jsonInit('POST', { username, password: 'wrong password' }),
        peer(address),
      );
      expect(res.status).toBe(401);
    }
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 bangui: authentication failure for user="admin" from 203\.0\.113\.7$/,
    );
    const { stdout } = await run('/usr/bin/fail2ban-regex', ['--out', 'ip', file, FILTER]);
    expect(stdout.trim().split('\n')).toEqual(['203.0.113.7', '198.51.100.23', '2001:db8::5']);
  });
});
