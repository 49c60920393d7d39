import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFail2banClient, type Fail2banClient } from '../src/index.ts';
import { type FakeServer, startFakeServer } from './helpers/fake-server.ts';
import { okReply } from './helpers/replies.ts';

const SERVER_SETTINGS = [
  'loglevel',
  'logtarget',
  'syslogsocket',
  'allowipv6',
  'thread',
  'dbfile',
  'dbmaxmatches',
  'dbpurgeage',
];

/** Every jail-scoped command of the client, called with `jail`. */
const jailCommands: Array<[string, (c: Fail2banClient, jail: string) => Promise<unknown>]> = [
  ['jailStatus', (c, j) => c.jailStatus(j)],
  ['jailStatus basic', (c, j) => c.jailStatus(j, 'basic')],
  ['jailSettings', (c, j) => c.jailSettings(j)],
  ['bans', (c, j) => c.bans(j)],
  ['ban', (c, j) => c.ban(j, ['192.0.2.9'])],
  ['unban', (c, j) => c.unban(j, ['192.0.2.9'])],
  ['isBanned', (c, j) => c.isBanned(j, ['192.0.2.9'])],
];

let server: FakeServer;
let client: Fail2banClient;
beforeAll(async () => {
  // Answers anything with 1, so a request that slipped through would succeed.
  server = await startFakeServer((_request, conn) => conn.write(okReply(1)));
  client = createFail2banClient({ socketPath: server.socketPath });
});
afterAll(async () => {
  await client.close();
  await server.stop();
});

describe('jail names that fail2ban treats as server settings', () => {
  it.each(
    SERVER_SETTINGS.flatMap((name) => jailCommands.map(([cmd, run]) => [name, cmd, run] as const)),
  )('refuses %s for %s as unknown-jail without sending anything', async (name, _cmd, run) => {
    await expect(run(client, name)).rejects.toMatchObject({
      code: 'unknown-jail',
      jail: name,
      message: expect.stringMatching(/cannot have a usable jail.*server setting/),
    });
    expect(server.requests).toEqual([]);
    expect(server.connections()).toBe(0);
  });

  it('still allows names that only resemble them (fail2ban compares exactly)', async () => {
    await expect(client.ban('LogTarget', ['192.0.2.9'])).resolves.toEqual({ banned: 1 });
    await expect(client.ban('logtarget2', ['192.0.2.9'])).resolves.toEqual({ banned: 1 });
    expect(server.requests).toEqual([
      ['set', 'LogTarget', 'banip', '192.0.2.9'],
      ['set', 'logtarget2', 'banip', '192.0.2.9'],
    ]);
  });
});

describe("ids starting with '--'", () => {
  it.each([
    ['unban', (c: Fail2banClient) => c.unban('sshd', ['--report-absent', 'x'])],
    ['isBanned', (c: Fail2banClient) => c.isBanned('sshd', ['x', '--all'])],
    ['bannedIn', (c: Fail2banClient) => c.bannedIn(['--with-time'])],
    ['ban', (c: Fail2banClient) => c.ban('sshd', ['--all'])],
  ])('are refused by %s as invalid-argument, naming them', async (_name, run) => {
    const before = server.requests.length;
    const error = await run(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'invalid-argument' });
    const invalid = (error as { invalidIds: string[] }).invalidIds;
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.startsWith('--')).toBe(true);
    expect(server.requests.length).toBe(before);
  });

  it('still allows an id with a single leading dash', async () => {
    await expect(client.unban('sshd', ['-odd-id'])).resolves.toEqual({ unbanned: 1 });
  });
});
