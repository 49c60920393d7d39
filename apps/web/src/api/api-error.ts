/** An error reply from the BanGUI API (or a failure to reach it at all). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Seconds from a Retry-After header (429), when the server sent one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const isUnauthorized = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 401;

export const isFail2banUnavailable = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 503;

export const isNotFound = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 404;

/** The server refused because of the user's role (or an API token's limits). */
export const isForbidden = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 403;
