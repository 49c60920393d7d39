import { describeValue } from './describe-value.ts';
import { Fail2banError, protocolError } from './errors.ts';
import type { PyInput, PyOpaque, PyValue } from './pickle/index.ts';
import { isPyOpaque } from './pickle/index.ts';

/**
 * Unwraps a decoded reply: `(0, v)` -> v; `(1, exc)` -> throws the mapped error. A bare
 * string (fail2ban could not unpickle the request) or `['SHUTDOWN']` -> `protocol`.
 */
export function unwrapReply(reply: PyValue, request: readonly PyInput[]): PyValue {
  if (Array.isArray(reply) && reply.length === 2 && (reply[0] === 0 || reply[0] === 1)) {
    const [code, value] = reply as [0 | 1, PyValue];
    if (code === 0) return value;
    throw exceptionError(value, request);
  }
  if (typeof reply === 'string') {
    throw protocolError(`fail2ban could not read the request: ${describeValue(reply, 1000)}`);
  }
  if (Array.isArray(reply) && reply.length === 1 && reply[0] === 'SHUTDOWN') {
    throw new Fail2banError('unavailable', 'fail2ban-server is shutting down', { retryable: true });
  }
  throw protocolError('fail2ban sent a reply that is not a (code, value) pair');
}

/** Maps the exception object of a `(1, exc)` reply to a typed error. */
export function exceptionError(exc: PyValue, request: readonly PyInput[]): Fail2banError {
  if (!isPyOpaque(exc)) {
    return new Fail2banError('command-failed', `fail2ban failed: ${describeValue(exc)}`);
  }
  const message = exceptionMessage(exc);
  const details = { pythonType: exc.type, fail2banMessage: message };
  const command = request[0];
  switch (exc.type) {
    case 'fail2ban.exceptions.UnknownJailException': {
      const jail = typeof exc.args[0] === 'string' ? exc.args[0] : message;
      return new Fail2banError('unknown-jail', `fail2ban has no jail named '${jail}'`, {
        ...details,
        jail,
      });
    }
    case 'builtins.ValueError':
      return new Fail2banError('rejected-value', `fail2ban rejected a value: ${message}`, details);
    case 'builtins.Exception':
      // "Invalid command 'X' (no set action ...)" means the option name was refused.
      if (command === 'set' && message.startsWith('Invalid command')) {
        return new Fail2banError(
          'rejected-value',
          `fail2ban rejected a value: ${message}`,
          details,
        );
      }
      break;
    case 'sqlite3.OperationalError':
      // "database is locked": fail2ban's own db was busy; the same command can succeed later.
      return new Fail2banError('command-failed', `fail2ban database error: ${message}`, {
        ...details,
        retryable: true,
      });
  }
  return new Fail2banError('command-failed', `fail2ban raised ${exc.type}: ${message}`, details);
}

function exceptionMessage(exc: PyOpaque): string {
  const first = exc.args[0];
  if (typeof first === 'string') return first;
  if (first === undefined) return '';
  return describeValue(first, 1000);
}
