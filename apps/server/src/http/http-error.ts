import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface HttpErrorOptions {
  /** Extra fields merged into the `error` object (e.g. the invalid ids). */
  details?: Record<string, unknown>;
  /** Response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
}

/** An error that already knows its HTTP status and public `{ error: { code, message } }` body. */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: HttpErrorOptions = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }
}
