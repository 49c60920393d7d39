/**
 * Every failure surfaced by this package is a `Fail2banError` with a stable `code`, so a
 * server can map it to an HTTP status and a clear message without parsing text.
 */
export type Fail2banErrorCode =
  /** The socket file does not exist (ENOENT): fail2ban-server is not running, or the path is wrong. */
  | 'socket-missing'
  /** EACCES/EPERM on connect: BanGUI does not run as the socket's owner. */
  | 'permission-denied'
  /** ECONNREFUSED: the socket file exists but nobody listens (stale socket, server stopping). */
  | 'connection-refused'
  /** The server is busy (EAGAIN), the connection dropped mid-request, or the client is closed. */
  | 'unavailable'
  /** fail2ban raised UnknownJailException. */
  | 'unknown-jail'
  /** fail2ban refused a value (ValueError, or "Invalid command ..." from a `set`). */
  | 'rejected-value'
  /** No reply within the request's time budget. */
  | 'timeout'
  /** The reply could not be understood, or was not a `(code, value)` reply. */
  | 'protocol'
  /** A reply exceeded `maxReplyBytes`. */
  | 'reply-too-large'
  /** Client-side validation refused an argument before anything was sent. */
  | 'invalid-argument'
  /** Any other exception raised by fail2ban, or a failing `fail2ban-client` run. */
  | 'command-failed';

export interface Fail2banErrorDetails {
  retryable?: boolean;
  /** The jail named by an `unknown-jail` error. */
  jail?: string;
  /** The Python exception type, e.g. `builtins.ValueError`. */
  pythonType?: string;
  /** fail2ban's own message (the exception's first argument, or the CLI's error text). */
  fail2banMessage?: string;
  /** The ids refused by client-side validation. */
  invalidIds?: string[];
  /** The Node errno code behind a connection error, e.g. `ENOENT`. */
  errno?: string;
  socketPath?: string;
  cause?: unknown;
}

export class Fail2banError extends Error {
  readonly code: Fail2banErrorCode;
  /** True when the same request may succeed if sent again later. */
  readonly retryable: boolean;
  readonly jail: string | undefined;
  readonly pythonType: string | undefined;
  readonly fail2banMessage: string | undefined;
  readonly invalidIds: string[] | undefined;
  readonly errno: string | undefined;
  readonly socketPath: string | undefined;

  constructor(code: Fail2banErrorCode, message: string, details: Fail2banErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'Fail2banError';
    this.code = code;
    this.retryable = details.retryable ?? false;
    this.jail = details.jail;
    this.pythonType = details.pythonType;
    this.fail2banMessage = details.fail2banMessage;
    this.invalidIds = details.invalidIds;
    this.errno = details.errno;
    this.socketPath = details.socketPath;
  }
}

export function isFail2banError(e: unknown): e is Fail2banError {
  return e instanceof Fail2banError;
}

export function invalidArgument(message: string, invalidIds?: string[]): Fail2banError {
  return new Fail2banError('invalid-argument', message, { invalidIds });
}

export function protocolError(message: string, cause?: unknown): Fail2banError {
  return new Fail2banError('protocol', message, { cause });
}
