import { afterEach, describe, expect, it } from 'vitest';
import { createFail2banClient, type Fail2banClient, type PyValue } from '../src/index.ts';
import { type FakeHandler, type FakeServer, startFakeServer } from './helpers/fake-server.ts';
import { okReply, rawReply } from './helpers/replies.ts';

let server: FakeServer | undefined;
let client: Fail2banClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.stop();
  client = undefined;
  server = undefined;
});

async function setup(
  handler: FakeHandler,
  options: { timeoutMs?: number; maxReplyBytes?: number } = {},
) {
  server = await startFakeServer(handler);
  client = createFail2banClient({ socketPath: server.socketPath, ...options });
  return { server, client };
}

/** Like fail2ban's `echo`: replies `(0, [args...])`, plus a few scripted misbehaviours. */
const echo: FakeHandler = (request, conn) => {
  const [command, ...args] = request as PyValue[];
  // Blocks this connection's (single-threaded) handling forever, like a stuck fail2ban.
  if (command === 'hang') return new Promise<void>(() => {});
  if (command === 'die') return conn.destroy();
  if (command === 'huge') return conn.write(okReply('x'.repeat(10_000)));
  if (command === 'bare-error') return conn.write(rawReply('ERROR: could not find MARK'));
  conn.write(okReply(args as string[]));
};

describe('connection', () => {
  it('reassembles a reply delivered one byte at a time', async () => {
    const { client } = await setup(async (request, conn) => {
      await conn.writeInPieces(okReply((request as PyValue[]).slice(1) as string[]), 1);
    });
    await expect(client.request(['echo', 'one', 'two'])).resolves.toEqual(['one', 'two']);
  });

  it('matches replies that arrive together in one chunk to their requests', async () => {
    const held: Buffer[] = [];
    const { client } = await setup((request, conn) => {
      held.push(okReply((request as PyValue[]).slice(1) as string[]));
      if (held.length === 2) conn.write(Buffer.concat(held.splice(0)));
    });
    const [a, b] = await Promise.all([
      client.request(['echo', 'a']),
      client.request(['echo', 'b']),
    ]);
    expect([a, b]).toEqual([['a'], ['b']]);
  });

  it('gives each of 50 concurrent callers its own reply, on one connection', async () => {
    const { client, server } = await setup(async (request, conn) => {
      // Odd-sized pieces so reply boundaries never line up with reads.
      await conn.writeInPieces(okReply((request as PyValue[]).slice(1) as string[]), 5);
    });
    const ids = Array.from({ length: 50 }, (_, i) => `caller-${i}`);
    const replies = await Promise.all(ids.map((id) => client.request(['echo', id])));
    expect(replies).toEqual(ids.map((id) => [id]));
    expect(server.connections()).toBe(1);
  });

  it('drops an oversized reply with reply-too-large, then recovers on a new connection', async () => {
    const { client, server } = await setup(echo, { maxReplyBytes: 1000 });
    await expect(client.request(['huge'])).rejects.toMatchObject({ code: 'reply-too-large' });
    await expect(client.request(['echo', 'after'])).resolves.toEqual(['after']);
    expect(server.connections()).toBe(2);
  });

  it('times out a request the server never answers, fails those behind it, and recovers', async () => {
    const { client, server } = await setup(echo);
    const hung = client.request(['hang'], { timeoutMs: 50 });
    const behind = client.request(['echo', 'queued']);
    await expect(hung).rejects.toMatchObject({ code: 'timeout', retryable: true });
    // Not "connection reset": the caller learns fail2ban froze on an earlier request.
    await expect(behind).rejects.toMatchObject({
      code: 'timeout',
      retryable: true,
      message: expect.stringMatching(/did not answer an earlier request within 0\.05 s/),
    });
    await expect(client.request(['echo', 'later'])).resolves.toEqual(['later']);
    expect(server.connections()).toBe(2);
  });

  it('fails in-flight requests with a retryable error when the server drops the connection', async () => {
    const { client } = await setup(echo);
    await expect(client.request(['die'])).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
    await expect(client.request(['echo', 'again'])).resolves.toEqual(['again']);
  });

  it('maps a bare ERROR string reply to protocol and keeps the connection usable', async () => {
    const { client, server } = await setup(echo);
    await expect(client.request(['bare-error'])).rejects.toMatchObject({
      code: 'protocol',
      message: expect.stringContaining('could not find MARK'),
    });
    await expect(client.request(['echo', 'fine'])).resolves.toEqual(['fine']);
    expect(server.connections()).toBe(1);
  });

  it("maps ['SHUTDOWN'] to a retryable unavailable error", async () => {
    const { client } = await setup((_r, conn) => conn.write(rawReply(['SHUTDOWN'])));
    await expect(client.request(['ping'])).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
  });

  it('refuses an argument holding a framing marker without sending anything', async () => {
    const { client, server } = await setup(echo);
    await expect(client.request(['echo', 'a<F2B_END_COMMAND>b'])).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    expect(server.requests).toEqual([]);
  });

  it('connects lazily, reports state changes, and says goodbye on close', async () => {
    const { client, server } = await setup(echo);
    const states: boolean[] = [];
    client.onStateChange((connected) => states.push(connected));
    expect(client.isConnected()).toBe(false);
    expect(server.connections()).toBe(0);
    await client.request(['echo']);
    expect(client.isConnected()).toBe(true);
    await client.close();
    expect(client.isConnected()).toBe(false);
    expect(states).toEqual([true, false]);
    expect(server.closeFrames()).toBe(1);
    await expect(client.request(['echo'])).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('lets close() wait for requests still in flight', async () => {
    const { client } = await setup(async (request, conn) => {
      await conn.writeInPieces(okReply((request as PyValue[]).slice(1) as string[]), 3);
    });
    const pending = client.request(['echo', 'last']);
    await client.close();
    await expect(pending).resolves.toEqual(['last']);
  });
});

describe('connection errors', () => {
  it('reports a missing socket as socket-missing, naming the path and the env variable', async () => {
    client = createFail2banClient({ socketPath: '/nonexistent/bangui/fail2ban.sock' });
    const error = client.ping();
    await expect(error).rejects.toMatchObject({ code: 'socket-missing', retryable: true });
    await expect(error).rejects.toThrow(
      /\/nonexistent\/bangui\/fail2ban\.sock.*BANGUI_FAIL2BAN_SOCKET/,
    );
  });

  it('reports a socket file nobody listens on as connection-refused', async () => {
    const { server } = await setup(echo);
    const stale = await import('./helpers/stale-socket.ts').then((m) => m.makeStaleSocket());
    client = createFail2banClient({ socketPath: stale.socketPath });
    await expect(client.ping()).rejects.toMatchObject({ code: 'connection-refused' });
    await stale.remove();
    expect(server.connections()).toBe(0);
  });
});
