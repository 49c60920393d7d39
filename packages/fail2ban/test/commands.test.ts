import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFail2banClient, type Fail2banClient, type PyValue } from '../src/index.ts';
import { type FakeServer, startFakeServer } from './helpers/fake-server.ts';
import { okReply } from './helpers/replies.ts';
import { startVectorServer } from './helpers/vector-server.ts';
import { loadVectors } from './helpers/vectors.ts';

const vectors = loadVectors();

describe('commands parsed from recorded replies', () => {
  let server: FakeServer;
  let client: Fail2banClient;
  beforeAll(async () => {
    server = await startVectorServer(vectors.values());
    client = createFail2banClient({ socketPath: server.socketPath, timeoutMs: 2000 });
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  it('status (vector 07) splits the jail list', async () => {
    await expect(client.status()).resolves.toEqual({ jails: ['auth-test', 'bench', 'web.login'] });
  });

  it('jailStatus basic (vector 08) reads counters, files and banned ids by label', async () => {
    await expect(client.jailStatus('auth-test', 'basic')).resolves.toEqual({
      jail: 'auth-test',
      currentlyFailed: 0,
      totalFailed: 6,
      fileList: ['/tmp/f2b-sandbox/log/auth.log'],
      currentlyBanned: 2,
      totalBanned: 2,
      bannedIds: ['192.0.2.10', '2001:db8::10'],
    });
  });

  it('jailStatus short (vector 09) has no banned ids', async () => {
    const status = await client.jailStatus('web.login', 'short');
    expect(status).toMatchObject({ totalFailed: 4, currentlyBanned: 2 });
    expect(status.bannedIds).toBeUndefined();
  });

  it('isBanned handles the 1-id int (vector 44) and the n-id list (vector 45)', async () => {
    await expect(client.isBanned('auth-test', ['192.0.2.50'])).resolves.toEqual([true]);
    await expect(client.isBanned('auth-test', ['192.0.2.50', '192.0.2.99'])).resolves.toEqual([
      true,
      false,
    ]);
  });

  it('bannedIn (vector 49) maps each id to its jails', async () => {
    const where = await client.bannedIn(['192.0.2.50', '198.51.100.7', '192.0.2.99']);
    expect([...where]).toEqual([
      ['192.0.2.50', ['auth-test']],
      ['198.51.100.7', ['web.login']],
      ['192.0.2.99', []],
    ]);
  });

  it('bans (vector 47) parses every line with times', async () => {
    const entries = await client.bans('auth-test');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({
      id: '192.0.2.10',
      bantimeSeconds: 600,
      startedAt: new Date(2026, 11, 3, 16, 16, 56).getTime(),
      endsAt: new Date(2026, 11, 3, 16, 26, 56).getTime(),
      permanent: false,
    });
  });
});

describe('bulk ban/unban', () => {
  let server: FakeServer;
  const seen: PyValue[][] = [];
  beforeAll(async () => {
    // Answers banip/unbanip with the number of ids, like fail2ban for new bans.
    server = await startFakeServer((request, conn) => {
      const args = request as PyValue[];
      seen.push(args);
      if (args[3] === '--with-time') {
        conn.write(
          okReply(['192.0.2.1 \t2026-12-03 16:16:56 + 600 = 2026-12-03 16:26:56', 'garbled']),
        );
        return;
      }
      conn.write(okReply(args.length - 3));
    });
  });
  afterAll(() => server.stop());

  it('sends one canonicalised banip per chunk and sums the counts', async () => {
    const client = createFail2banClient({ socketPath: server.socketPath, chunkSize: 2 });
    seen.length = 0;
    const ids = [
      '192.0.2.1',
      '2001:DB8:0:0:0:0:0:52',
      '198.51.100.9/24',
      '192.0.2.1',
      '::ffff:192.0.2.7',
    ];
    await expect(client.ban('sshd', ids)).resolves.toEqual({ banned: 4 });
    expect(seen).toEqual([
      ['set', 'sshd', 'banip', '192.0.2.1', '2001:db8::52'],
      ['set', 'sshd', 'banip', '198.51.100.0/24', '192.0.2.7'],
    ]);
    await client.close();
  });

  it('refuses the whole call, naming every bad id, before sending anything', async () => {
    const client = createFail2banClient({ socketPath: server.socketPath });
    seen.length = 0;
    await expect(
      client.ban('sshd', ['192.0.2.1', '1.2.3', 'evil.example', '0.0.0.0/0']),
    ).rejects.toMatchObject({
      code: 'invalid-argument',
      invalidIds: ['1.2.3', 'evil.example', '0.0.0.0/0'],
    });
    expect(seen).toEqual([]);
    await client.close();
  });

  it('unbans exactly the ids given, non-IPs included', async () => {
    const client = createFail2banClient({ socketPath: server.socketPath });
    seen.length = 0;
    await expect(client.unban('sshd', ['not-an-ip', '2001:DB8::1'])).resolves.toEqual({
      unbanned: 2,
    });
    expect(seen).toEqual([['set', 'sshd', 'unbanip', 'not-an-ip', '2001:DB8::1']]);
    await expect(client.unban('sshd', [''])).rejects.toMatchObject({ code: 'invalid-argument' });
    await client.close();
  });

  it('refuses a jail name that starts with a dash', async () => {
    const client = createFail2banClient({ socketPath: server.socketPath });
    await expect(client.ban('--all', ['192.0.2.1'])).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await client.close();
  });

  it('skips an unparseable ban line and reports it', async () => {
    const unparsed: string[] = [];
    const client = createFail2banClient({
      socketPath: server.socketPath,
      onUnparsedBan: ({ line }) => unparsed.push(line),
    });
    const entries = await client.bans('sshd');
    expect(entries.map((e) => e.id)).toEqual(['192.0.2.1']);
    expect(unparsed).toEqual(['garbled']);
    await client.close();
  });
});
