import { ban, bannedIn, isBanned, unban } from './commands/ban-ops.ts';
import type { BanEntry } from './commands/ban-time-line.ts';
import { bans, type UnparsedBanListener } from './commands/bans.ts';
import { type JailSettings, jailSettings } from './commands/jail-settings.ts';
import { type JailStatus, jailStatus } from './commands/jail-status.ts';
import type { Requester } from './commands/requester.ts';
import { ping, type ServerStatus, status, version } from './commands/server.ts';
import { createConnection } from './connection.ts';
import type { PyInput, PyValue } from './pickle/index.ts';
import { unwrapReply } from './reply.ts';

export interface Fail2banClientOptions {
  socketPath: string;
  /** Per-request timeout (default 10 s); bulk ban/unban chunks get more per id. */
  timeoutMs?: number;
  /** Larger replies fail with `reply-too-large` (default 64 MiB). */
  maxReplyBytes?: number;
  /** Ids per ban/unban/lookup command (default 500). */
  chunkSize?: number;
  /** Receives `--with-time` lines `bans()` could not parse (default: a process warning). */
  onUnparsedBan?: UnparsedBanListener;
}

export interface Fail2banClient {
  /** Raw request: returns `v` of `(0, v)`, throws a Fail2banError for anything else. */
  request(args: PyInput[], options?: { timeoutMs?: number }): Promise<PyValue>;
  ping(): Promise<void>;
  version(): Promise<string>;
  status(): Promise<ServerStatus>;
  jailStatus(jail: string, flavor?: 'basic' | 'short'): Promise<JailStatus>;
  jailSettings(jail: string): Promise<JailSettings>;
  bans(jail: string): Promise<BanEntry[]>;
  ban(jail: string, ids: readonly string[]): Promise<{ banned: number }>;
  unban(jail: string, ids: readonly string[]): Promise<{ unbanned: number }>;
  bannedIn(ids: readonly string[]): Promise<Map<string, string[]>>;
  isBanned(jail: string, ids: readonly string[]): Promise<boolean[]>;
  isConnected(): boolean;
  onStateChange(listener: (connected: boolean) => void): () => void;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_REPLY_BYTES = 64 * 1024 * 1024;
// notes §7.5: 500 ids keep one command at a few seconds even with shell-forking actions.
const DEFAULT_CHUNK_SIZE = 500;

/** Creates a client; it connects lazily on the first request and reconnects by itself. */
export function createFail2banClient(options: Fail2banClientOptions): Fail2banClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const connection = createConnection({
    socketPath: options.socketPath,
    timeoutMs,
    maxReplyBytes: options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES,
  });
  const request: Requester = async (args, requestOptions) =>
    unwrapReply(await connection.send(args, requestOptions), args);
  const bulk = { chunkSize, timeoutMs };
  const onUnparsed = options.onUnparsedBan ?? warnUnparsedBan;

  return {
    request,
    ping: () => ping(request),
    version: () => version(request),
    status: () => status(request),
    jailStatus: (jail, flavor) => jailStatus(request, jail, flavor),
    jailSettings: (jail) => jailSettings(request, jail),
    bans: (jail) => bans(request, jail, onUnparsed),
    ban: (jail, ids) => ban(request, jail, ids, bulk),
    unban: (jail, ids) => unban(request, jail, ids, bulk),
    bannedIn: (ids) => bannedIn(request, ids, bulk),
    isBanned: (jail, ids) => isBanned(request, jail, ids, bulk),
    isConnected: connection.isConnected,
    onStateChange: connection.onStateChange,
    close: connection.close,
  };
}

function warnUnparsedBan(info: { jail: string; line: string }): void {
  process.emitWarning(
    `skipped an unparseable fail2ban ban line in jail '${info.jail}': ${JSON.stringify(info.line)}`,
    { code: 'BANGUI_FAIL2BAN_UNPARSED_BAN' },
  );
}
