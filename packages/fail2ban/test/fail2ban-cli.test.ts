import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reloadJail, restartJail, runFail2banClient } from '../src/index.ts';

// Stand-ins for /usr/bin/fail2ban-client: one prints its argv (one per line), one fails
// the way fail2ban-client does (message on stderr, exit 255).
let dir: string;
let printArgs: string;
let failing: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bangui-cli-'));
  printArgs = path.join(dir, 'print-args');
  failing = path.join(dir, 'failing');
  await writeFile(printArgs, '#!/bin/sh\nprintf "%s\\n" "$@"\n');
  await writeFile(failing, '#!/bin/sh\necho "ERROR  NOK: (\'nojail\',)" >&2\nexit 255\n');
  await chmod(printArgs, 0o755);
  await chmod(failing, 0o755);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const argvOf = (stdout: string) => stdout.split('\n').slice(0, -1);

describe('fail2ban-client wrapper', () => {
  it('passes -c and -s before the command, each argument as its own argv entry', async () => {
    const { stdout } = await runFail2banClient({
      binary: printArgs,
      socketPath: '/s p/f.sock',
      configDir: '/etc dir',
      args: ['status', 'a b; rm -rf /'],
    });
    expect(argvOf(stdout)).toEqual([
      '-c',
      '/etc dir',
      '-s',
      '/s p/f.sock',
      'status',
      'a b; rm -rf /',
    ]);
  });

  it('always passes -s, and -c only when given', async () => {
    const { stdout } = await runFail2banClient({
      binary: printArgs,
      socketPath: '/f.sock',
      args: ['ping'],
    });
    expect(argvOf(stdout)).toEqual(['-s', '/f.sock', 'ping']);
  });

  it("maps a non-zero exit to command-failed with fail2ban-client's message", async () => {
    await expect(
      reloadJail({ binary: failing, socketPath: '/f.sock', configDir: '/c' }, 'nojail'),
    ).rejects.toMatchObject({ code: 'command-failed', fail2banMessage: "ERROR  NOK: ('nojail',)" });
  });

  it('refuses a jail name fail2ban-client would read as an option', async () => {
    await expect(
      restartJail({ binary: printArgs, socketPath: '/f.sock' }, '--unban'),
    ).rejects.toMatchObject({
      code: 'invalid-argument',
    });
  });
});
