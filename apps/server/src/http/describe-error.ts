import { PostgresUnavailableError, translatePostgresError } from '@bangui/adapters-postgres';
import { InvalidCursorError, InvalidQueryError } from '@bangui/domain';
import { Fail2banError } from '@bangui/fail2ban';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpError } from './http-error.ts';

export interface ErrorDescription {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** True for failures nobody anticipated: log them with their stack. */
  unexpected: boolean;
}

/** Maps any thrown value to the status and public body the API answers with. */
export function describeError(err: unknown): ErrorDescription {
  if (err instanceof HttpError) {
    return {
      status: err.status,
      code: err.code,
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
      ...(err.headers ? { headers: err.headers } : {}),
      unexpected: false,
    };
  }
  if (err instanceof Fail2banError) return describeFail2banError(err);
  // Ports translate driver errors; a connection error that escaped them is the same outage.
  if (translatePostgresError(err) instanceof PostgresUnavailableError) {
    return {
      status: 503,
      code: 'database-unavailable',
      message:
        'The database (PostgreSQL) is unreachable; BanGUI reconnects by itself once it is back. Try again shortly.',
      headers: { 'Retry-After': '5' },
      unexpected: false,
    };
  }
  // Read-model refusals: a query the caller got wrong (empty or oversized range, stale cursor).
  if (err instanceof InvalidCursorError) {
    return {
      status: 400,
      code: 'invalid-cursor',
      message: 'Invalid query: cursor is not the nextCursor of an earlier page of this list.',
      unexpected: false,
    };
  }
  if (err instanceof InvalidQueryError) {
    return {
      status: 400,
      code: 'invalid-request',
      message: `Invalid query: ${err.message}.`,
      unexpected: false,
    };
  }
  if (err instanceof HTTPException) {
    // Thrown by Hono itself or its middleware; its status is meaningful, its body is not JSON.
    return {
      status: err.status,
      code: 'http-error',
      message: err.message || 'The request could not be processed.',
      unexpected: err.status >= 500,
    };
  }
  return {
    status: 500,
    code: 'internal',
    message: 'Internal server error. The details are in the server log.',
    unexpected: true,
  };
}

function describeFail2banError(err: Fail2banError): ErrorDescription {
  const socket = err.socketPath ? ` ${err.socketPath}` : '';
  const unreachable = (why: string): ErrorDescription => ({
    status: 503,
    code: err.code,
    message: `fail2ban is unreachable: ${why}`,
    unexpected: false,
  });
  switch (err.code) {
    case 'socket-missing':
      return unreachable(
        `its control socket${socket} does not exist. Is fail2ban-server running, and does BANGUI_FAIL2BAN_SOCKET point at its socket?`,
      );
    case 'connection-refused':
      return unreachable(
        `nothing accepts connections on its control socket${socket}; fail2ban is stopped or restarting.`,
      );
    case 'unavailable':
      return unreachable(`${err.message} (it may be busy, stopping or restarting; try again).`);
    case 'timeout':
      return unreachable('it did not answer in time (it may be busy with a long operation).');
    case 'permission-denied':
      // Never suggest loosening the socket's mode: whoever can write to it is root.
      return {
        status: 503,
        code: err.code,
        message: `BanGUI is not allowed to open fail2ban's control socket${socket}. Run BanGUI as the socket's owner (root for a system fail2ban).`,
        unexpected: false,
      };
    case 'unknown-jail':
      return {
        status: 404,
        code: 'unknown-jail',
        message: err.jail
          ? `fail2ban has no jail named '${err.jail}'.`
          : 'fail2ban has no such jail.',
        unexpected: false,
      };
    case 'invalid-argument':
      return {
        status: 400,
        code: 'invalid-argument',
        message: err.message,
        ...(err.invalidIds ? { details: { invalid: err.invalidIds } } : {}),
        unexpected: false,
      };
    case 'rejected-value':
      return {
        status: 422,
        code: 'rejected-value',
        message: `fail2ban refused the value: ${err.fail2banMessage ?? err.message}`,
        unexpected: false,
      };
    case 'command-failed':
      return {
        status: 502,
        code: 'command-failed',
        message: `fail2ban reported an error: ${err.fail2banMessage ?? err.message}`,
        unexpected: false,
      };
    default:
      // protocol / reply-too-large: fail2ban answered, but not in a way we understand.
      return {
        status: 502,
        code: err.code,
        message:
          'fail2ban sent a reply BanGUI could not understand. The details are in the server log.',
        unexpected: true,
      };
  }
}
