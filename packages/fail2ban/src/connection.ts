import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Fail2banError } from './errors.ts';
import type { ReplyReader } from './framing.ts';
import { CLOSE_FRAME, createReplyReader, encodeRequest } from './framing.ts';
import type { PyInput, PyValue } from './pickle/index.ts';
import { socketError } from './socket-errors.ts';

export interface ConnectionOptions {
  socketPath: string;
  /** Default per-request timeout. */
  timeoutMs: number;
  maxReplyBytes: number;
}

export interface SendOptions {
  timeoutMs?: number;
}

/**
 * One persistent connection to fail2ban's control socket. fail2ban serves every client
 * from one thread and its listen backlog is 1, so extra connections buy nothing and can
 * fail with EAGAIN; instead requests are pipelined on this one connection and matched to
 * replies in FIFO order (fail2ban answers strictly in order).
 */
export interface Connection {
  /** Sends a request and resolves with the decoded, still-wrapped reply. */
  send(args: PyInput[], options?: SendOptions): Promise<PyValue>;
  isConnected(): boolean;
  /** Called with `true`/`false` whenever the connection opens or drops; returns unsubscribe. */
  onStateChange(listener: (connected: boolean) => void): () => void;
  /** Waits for outstanding requests, says goodbye to fail2ban and closes. */
  close(): Promise<void>;
}

interface Pending {
  frame: Buffer;
  timeoutMs: number;
  resolve: (reply: PyValue) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

// ENOENT/ECONNREFUSED: the socket is gone or stale, typically while fail2ban restarts
// (about 0.5 s). A few quick retries ride out that gap; after them the caller gets the
// error right away instead of hanging, and the next call tries again.
const MISSING_SOCKET_RETRY_DELAYS_MS = [50, 100, 200];
// EAGAIN: the server is alive but busy. Back off up to this much per attempt, within the
// default request timeout.
const BUSY_RETRY_MAX_DELAY_MS = 200;

export function createConnection(options: ConnectionOptions): Connection {
  const { socketPath, maxReplyBytes } = options;
  let socket: net.Socket | undefined;
  let reader: ReplyReader | undefined;
  let connecting = false;
  let closed = false;
  let closePromise: Promise<void> | undefined;
  /** Requests not yet written (waiting for a connection). */
  const waiting: Pending[] = [];
  /** Requests written, in the order their replies will arrive. */
  const inFlight: Pending[] = [];
  const listeners = new Set<(connected: boolean) => void>();
  let idleWaiters: Array<() => void> = [];

  function setConnected(s: net.Socket | undefined): void {
    const was = socket !== undefined;
    socket = s;
    if (was !== (s !== undefined)) for (const l of listeners) l(s !== undefined);
  }

  function notifyIfIdle(): void {
    if (waiting.length > 0 || inFlight.length > 0 || connecting) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function settle(p: Pending, outcome: { reply: PyValue } | { error: Error }): void {
    if (p.timer) clearTimeout(p.timer);
    if ('error' in outcome) p.reject(outcome.error);
    else p.resolve(outcome.reply);
  }

  /**
   * The timer runs only while a request is at the head of the line, i.e. while fail2ban is
   * working on it. Why: a long bulk ban ahead in the queue must not make the requests
   * queued behind it time out (which would drop the connection and fail the ban too).
   */
  function armHeadTimer(): void {
    const head = inFlight[0];
    if (!head || head.timer) return;
    head.timer = setTimeout(() => {
      const seconds = head.timeoutMs / 1000;
      dropConnection(
        new Fail2banError('timeout', `fail2ban did not answer within ${seconds} s`, {
          retryable: true,
          socketPath,
        }),
        // Everything in flight was already written, so fail2ban may still run it once it
        // unfreezes: re-sending here could ban/unban twice. The caller decides to retry.
        new Fail2banError(
          'timeout',
          `fail2ban did not answer an earlier request within ${seconds} s, so the connection was reset; this request was already sent and may or may not have run`,
          { retryable: true, socketPath },
        ),
      );
    }, head.timeoutMs);
  }

  /**
   * Closes the current socket and fails everything in flight: once a reply is missing,
   * overdue or unreadable, the reply order can no longer be trusted, so the stream is
   * never reused. `headError` goes to the oldest request, the others get a retryable
   * `unavailable`.
   */
  function dropConnection(headError: Fail2banError, othersError?: Fail2banError): void {
    const s = socket;
    if (!s) return;
    s.destroy();
    reader = undefined;
    setConnected(undefined);
    const failed = inFlight.splice(0);
    const rest =
      othersError ??
      new Fail2banError(
        'unavailable',
        'the connection to fail2ban was reset before the reply arrived; the command may or may not have run',
        { retryable: true, socketPath },
      );
    for (const [i, p] of failed.entries()) settle(p, { error: i === 0 ? headError : rest });
    notifyIfIdle();
  }

  function onData(chunk: Buffer): void {
    if (!reader) return;
    let replies: PyValue[];
    try {
      replies = reader.push(chunk);
    } catch (e) {
      dropConnection(e as Fail2banError);
      return;
    }
    for (const reply of replies) {
      const head = inFlight.shift();
      if (!head) {
        dropConnection(
          new Fail2banError('protocol', 'fail2ban sent a reply nobody asked for', { socketPath }),
        );
        return;
      }
      settle(head, { reply });
    }
    armHeadTimer();
    notifyIfIdle();
  }

  function adopt(s: net.Socket): void {
    reader = createReplyReader({ maxReplyBytes });
    // Handlers stay attached after a drop but ignore a socket that is no longer current,
    // so a late event from an old socket can never disturb its successor.
    s.on('error', (e) => {
      if (socket === s) dropConnection(socketError(e, socketPath));
    });
    s.on('data', (chunk: Buffer) => {
      if (socket === s) onData(chunk);
    });
    s.on('close', () => {
      if (socket !== s) return;
      dropConnection(
        new Fail2banError(
          'unavailable',
          'fail2ban closed the connection before replying; the command may or may not have run',
          { retryable: true, socketPath },
        ),
      );
    });
    setConnected(s);
  }

  function flush(): void {
    if (!socket) {
      if (!connecting && waiting.length > 0) void connect();
      return;
    }
    const batch = waiting.splice(0);
    for (const p of batch) {
      inFlight.push(p);
      socket.write(p.frame);
    }
    armHeadTimer();
  }

  async function connect(): Promise<void> {
    connecting = true;
    const started = Date.now();
    let attempt = 0;
    for (;;) {
      try {
        const s = await openSocket(socketPath);
        connecting = false;
        adopt(s);
        flush();
        notifyIfIdle();
        return;
      } catch (err) {
        const errno = (err as NodeJS.ErrnoException).code;
        const missing = errno === 'ENOENT' || errno === 'ECONNREFUSED';
        const busyDelay = Math.min(BUSY_RETRY_MAX_DELAY_MS, 10 * 2 ** attempt);
        const missingDelay = MISSING_SOCKET_RETRY_DELAYS_MS[attempt];
        attempt += 1;
        if (errno === 'EAGAIN' && Date.now() - started + busyDelay < options.timeoutMs) {
          await delay(busyDelay);
          continue;
        }
        if (missing && missingDelay !== undefined) {
          await delay(missingDelay);
          continue;
        }
        connecting = false;
        const error = socketError(err, socketPath);
        for (const p of waiting.splice(0)) settle(p, { error });
        notifyIfIdle();
        return;
      }
    }
  }

  return {
    send(args, sendOptions = {}) {
      if (closed) {
        return Promise.reject(
          new Fail2banError('unavailable', 'the fail2ban client is closed', { socketPath }),
        );
      }
      let frame: Buffer;
      try {
        frame = encodeRequest(args);
      } catch (e) {
        return Promise.reject(e);
      }
      return new Promise<PyValue>((resolve, reject) => {
        waiting.push({
          frame,
          timeoutMs: sendOptions.timeoutMs ?? options.timeoutMs,
          resolve,
          reject,
        });
        flush();
      });
    },
    isConnected: () => socket !== undefined,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      closePromise ??= (async () => {
        if (waiting.length > 0 || inFlight.length > 0 || connecting) {
          await new Promise<void>((resolve) => idleWaiters.push(resolve));
        }
        const s = socket;
        if (!s) return;
        const ended = new Promise<void>((resolve) => s.once('close', () => resolve()));
        // Polite goodbye: fail2ban closes its side without replying.
        s.end(CLOSE_FRAME);
        await ended;
      })();
      return closePromise;
    },
  };
}

function openSocket(path: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.createConnection({ path });
    s.once('connect', () => {
      s.off('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
}
