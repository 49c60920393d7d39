import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFail2banClient, Fail2banError } from '../src/index.ts';
import { type FakeServer, startFakeServer } from './helpers/fake-server.ts';
import { pk, u32le } from './pickle/support/bytes.ts';

const END = Buffer.from('<F2B_END_COMMAND>', 'latin1');

/** `(code, X)` framed, where X is built by `valueOps` (raw pickle opcodes). */
function hostileReply(code: 0 | 1, ...valueOps: (string | number | number[])[]): Buffer {
  return Buffer.concat([Buffer.from(pk(0x80, 5, 'K', code, ...valueOps, 0x86, '.')), END]);
}

/** A list doubling `levels` times through the memo: 2^(levels+1)-1 nodes as a tree. */
function doublingOps(levels: number): (string | number)[] {
  const ops: (string | number)[] = [']', 0x94];
  for (let k = 0; k < levels; k++) ops.push('0', ']', 0x94, '(', 'h', k, 'h', k, 'e');
  return ops;
}

/** LONG4 int of `n` bytes: a positive number of about 8n bits. */
function hugeIntOps(n: number): (string | number | number[])[] {
  return [0x8b, u32le(n), new Array<number>(n).fill(0x11)];
}

const replies = {
  // ~250 bytes, 2^28 nodes once expanded: the reported attack.
  dag27: hostileReply(0, ...doublingOps(27)),
  // 2^21 nodes: below the decoder's limit, so it reaches the command's error path.
  dag20: hostileReply(0, ...doublingOps(20)),
  hugeInt: hostileReply(0, ...hugeIntOps(100_000)),
  smallBigint: hostileReply(0, 0x8a, 9, new Array<number>(9).fill(0x11)),
  dagException: hostileReply(1, ...doublingOps(20)),
};

let server: FakeServer;
// What the fake fail2ban answers to the next request.
let nextReply: Buffer;
beforeAll(async () => {
  server = await startFakeServer((_request, conn) => conn.write(nextReply));
});
afterAll(() => server.stop());

/** Runs the real `ping` command (client, framing, reply check) against a hostile reply. */
async function pingWith(name: keyof typeof replies): Promise<unknown> {
  nextReply = replies[name];
  const client = createFail2banClient({ socketPath: server.socketPath, timeoutMs: 5000 });
  const outcome = await client.ping().then(
    () => 'no error',
    (e: unknown) => e,
  );
  await client.close();
  return outcome;
}

describe('hostile replies end in a bounded, typed Fail2banError', () => {
  it('rejects a ~250-byte reply that expands to 2^28 nodes, before anyone walks it', async () => {
    expect(replies.dag27.length).toBeLessThan(300);
    const error = await pingWith('dag27');
    expect(error).toBeInstanceOf(Fail2banError);
    expect(error).toMatchObject({ code: 'reply-too-large' });
    expect((error as Error).message).toMatch(/expands to more than 5000000 nodes/);
  });

  it('quotes a 2M-node shared reply in a short message (not a multi-megabyte dump)', async () => {
    const error = await pingWith('dag20');
    expect(error).toBeInstanceOf(Fail2banError);
    expect(error).toMatchObject({ code: 'protocol' });
    expect((error as Error).message.length).toBeLessThan(300);
  });

  it.each(['hugeInt', 'smallBigint'] as const)(
    'reports a %s reply as protocol, not a BigInt TypeError',
    async (name) => {
      const error = await pingWith(name);
      expect(error).toBeInstanceOf(Fail2banError);
      expect(error).toMatchObject({ code: 'protocol' });
      expect((error as Error).message.length).toBeLessThan(300);
    },
  );

  it('maps a (1, shared structure) exception reply to command-failed with a short message', async () => {
    const error = await pingWith('dagException');
    expect(error).toBeInstanceOf(Fail2banError);
    expect(error).toMatchObject({ code: 'command-failed' });
    expect((error as Error).message.length).toBeLessThan(300);
  });
});
