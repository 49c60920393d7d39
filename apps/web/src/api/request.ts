import { ApiError } from './api-error.ts';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/**
 * Calls the API with a path RELATIVE to the page (no leading slash), so the app keeps
 * working when it is served under a sub-path behind a reverse proxy.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      // The server refuses any mutation that is not JSON (its CSRF guard), even a bodiless DELETE.
      headers: method === 'GET' ? { Accept: 'application/json' } : jsonHeaders,
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'network', 'Cannot reach the BanGUI server. Check your connection.');
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  throw await toApiError(response);
}

const jsonHeaders = { Accept: 'application/json', 'Content-Type': 'application/json' };

/** Turns an error reply into an ApiError, tolerating bodies that are not the usual JSON shape. */
export async function toApiError(response: Response): Promise<ApiError> {
  let code = `http-${response.status}`;
  let message = response.statusText || `Request failed with status ${response.status}`;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // A proxy error page or an empty body: keep the status-based message.
  }
  return new ApiError(response.status, code, message, parseRetryAfter(response.headers));
}

function parseRetryAfter(headers: Headers): number | undefined {
  const value = headers.get('Retry-After');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  // Retry-After may also be an HTTP date.
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
