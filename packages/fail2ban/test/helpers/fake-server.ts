import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import { decodePickle, type PyValue } from '../../src/index.ts';

const END = Buffer.from('<F2B_END_COMMAND>', 'latin1');
const CLOSE = Buffer.from('<F2B_CLOSE_COMMAND>', 'latin1');

export interface FakeConnection {
  /** Writes bytes in one go. */
  write(bytes: Uint8Array): void;
  /** Writes bytes in pieces of `size`, yielding to the event loop between them. */
  writeInPieces(bytes: Uint8Array, size: number): Promise<void>;
  destroy(): void;
}

/** Decides what to do with one request frame (already decoded). */
export type FakeHandler = (request: PyValue, conn: FakeConnection) => void | Promise<void>;

export interface FakeServer {
  socketPath: string;
  /** Every decoded request, in arrival order. */
  requests: PyValue[];
  /** Connections accepted so far. */
  connections(): number;
  /** CLOSE frames received (a client saying goodbye). */
  closeFrames(): number;
  stop(): Promise<void>;
}

/**
 * A unix-socket server speaking fail2ban's framing, for unit tests only. Requests are split
 * at END (the client never sends END inside data) and handled strictly one after another,
 * like fail2ban's single thread.
 */
export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bangui-fake-f2b-'));
  const socketPath = path.join(dir, 'fake.sock');
  const requests: PyValue[] = [];
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let closeFrames = 0;

  const server = net.createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const conn: FakeConnection = {
      write: (bytes) => {
        if (!socket.destroyed) socket.write(bytes);
      },
      async writeInPieces(bytes, size) {
        for (let i = 0; i < bytes.length; i += size) {
          if (socket.destroyed) return;
          socket.write(bytes.subarray(i, i + size));
          await nextTick();
        }
      },
      destroy: () => socket.destroy(),
    };
    let buffer = Buffer.alloc(0);
    let queue = Promise.resolve();
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let end = buffer.indexOf(END); end >= 0; end = buffer.indexOf(END)) {
        const frame = buffer.subarray(0, end);
        buffer = buffer.subarray(end + END.length);
        if (frame.equals(CLOSE)) {
          closeFrames += 1;
          socket.end();
          continue;
        }
        const request = decodePickle(frame);
        requests.push(request);
        queue = queue.then(() => handler(request, conn));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));

  return {
    socketPath,
    requests,
    connections: () => accepted,
    closeFrames: () => closeFrames,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
