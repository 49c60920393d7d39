import { EVENTS_STREAM_VERSION_CONSTRAINT } from './schema/events.ts';

/**
 * PostgreSQL could not be reached or dropped the connection. The operation may
 * or may not have been applied; retrying is the caller's decision (`retryable`).
 */
export class PostgresUnavailableError extends Error {
  override readonly name = 'PostgresUnavailableError';
  readonly code = 'POSTGRES_UNAVAILABLE';
  readonly retryable = true;
}

// postgres.js connection error codes and Node socket errors.
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATEs of a server that is going away or refusing connections for now.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

interface DriverFields {
  code?: unknown;
  constraint_name?: unknown;
  cause?: unknown;
}

/**
 * The error and its causes, outermost first. drizzle wraps driver errors
 * (DrizzleQueryError with `cause`), postgres.js throws them bare: matching
 * must look through the chain either way. Bounded against cause cycles.
 */
function causeChain(error: unknown): DriverFields[] {
  const chain: DriverFields[] = [];
  for (let e = error; e !== null && typeof e === 'object' && chain.length < 8; ) {
    chain.push(e as DriverFields);
    e = (e as DriverFields).cause;
  }
  return chain;
}

/**
 * True when two writers tried to record the same version of one stream: the
 * unique (stream, version) constraint of the events table fired. The event
 * store turns it into core's WrongExpectedVersionError (it knows the stream's
 * actual version; this function only recognises the driver error).
 */
export function isStreamVersionConflict(error: unknown): boolean {
  return causeChain(error).some(
    (e) => e.code === '23505' && e.constraint_name === EVENTS_STREAM_VERSION_CONSTRAINT,
  );
}

function isConnectionFailure(error: unknown): boolean {
  return causeChain(error).some(
    (e) =>
      typeof e.code === 'string' &&
      (CONNECTION_CODES.has(e.code) ||
        UNAVAILABLE_SQLSTATES.has(e.code) ||
        // class 08: connection exception
        /^08[0-9A-Z]{3}$/.test(e.code)),
  );
}

/** Driver errors as the rest of BanGUI should see them; anything else passes through. */
export function translatePostgresError(error: unknown): unknown {
  if (error instanceof PostgresUnavailableError || !isConnectionFailure(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PostgresUnavailableError(`PostgreSQL is unavailable: ${message}`, { cause: error });
}

/**
 * Wraps every method of a port so that a rejected promise carries a translated
 * error. Each port factory returns its port through this, so translation
 * happens in this one place for every operation.
 */
export function withTranslatedErrors<T extends object>(port: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(port)) {
    wrapped[name] =
      typeof member === 'function'
        ? (...args: unknown[]) => {
            const result: unknown = member.apply(port, args);
            return result instanceof Promise
              ? result.catch((error: unknown) => {
                  throw translatePostgresError(error);
                })
              : result;
          }
        : member;
  }
  return wrapped as T;
}
