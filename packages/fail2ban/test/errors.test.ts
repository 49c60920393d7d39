import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFail2banClient, type Fail2banClient, type PyInput } from '../src/index.ts';
import { socketError } from '../src/socket-errors.ts';
import type { FakeServer } from './helpers/fake-server.ts';
import { startVectorServer } from './helpers/vector-server.ts';
import { loadVectors, vectorByNumber } from './helpers/vectors.ts';

const vectors = loadVectors();
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

const commandOf = (n: number) => vectorByNumber(vectors, n).command as PyInput[];

describe('fail2ban exception replies (recorded vectors)', () => {
  it.each([62, 63, 64])(
    'vector %i: UnknownJailException -> unknown-jail naming the jail',
    async (n) => {
      await expect(client.request(commandOf(n))).rejects.toMatchObject({
        code: 'unknown-jail',
        jail: 'nojail',
        retryable: false,
        pythonType: 'fail2ban.exceptions.UnknownJailException',
      });
    },
  );

  it('vector 65: an unknown get option -> command-failed with the Python type and message', async () => {
    await expect(client.request(commandOf(65))).rejects.toMatchObject({
      code: 'command-failed',
      pythonType: 'builtins.Exception',
      fail2banMessage: 'Invalid command (no get action or not yet implemented)',
    });
  });

  it.each([
    [66, "Invalid command 'nonsense' (no set action or not yet implemented)"],
    [67, "invalid literal for int() with base 10: 'abc'"],
    [53, "not banned: ['192.0.2.99']"],
  ])('vector %i: refused set value -> rejected-value carrying the message', async (n, message) => {
    await expect(client.request(commandOf(n))).rejects.toMatchObject({
      code: 'rejected-value',
      fail2banMessage: message,
    });
  });

  it('vector 81: sqlite "database is locked" -> retryable command-failed', async () => {
    await expect(client.request(commandOf(81))).rejects.toMatchObject({
      code: 'command-failed',
      retryable: true,
      pythonType: 'sqlite3.OperationalError',
      fail2banMessage: 'database is locked',
    });
  });

  it('still answers normally on the same connection after all those errors', async () => {
    await expect(client.ping()).resolves.toBeUndefined();
    expect(server.connections()).toBe(1);
  });
});

describe('socket errno mapping', () => {
  // As root, connect() on a 0000 socket succeeds (permission checks are bypassed), so
  // EACCES cannot be provoked in this environment; the mapping is tested directly.
  it.each(['EACCES', 'EPERM'])('%s -> permission-denied telling to run as the owner', (errno) => {
    const e = socketError(Object.assign(new Error(errno), { code: errno }), '/run/fail2ban/f.sock');
    expect(e).toMatchObject({ code: 'permission-denied', retryable: false, errno });
    expect(e.message).toContain('/run/fail2ban/f.sock');
    expect(e.message).toMatch(/socket's owner \(root/);
    expect(e.message).not.toMatch(/chmod|chown/);
  });

  it.each([
    ['ENOENT', 'socket-missing'],
    ['ECONNREFUSED', 'connection-refused'],
    ['EAGAIN', 'unavailable'],
  ])('%s -> retryable %s', (errno, code) => {
    const e = socketError(Object.assign(new Error(errno), { code: errno }), '/x.sock');
    expect(e).toMatchObject({ code, retryable: true, errno });
  });
});
